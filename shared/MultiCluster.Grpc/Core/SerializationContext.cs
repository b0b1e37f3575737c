using System.Buffers;

namespace Grpc.Core;

/// <summary>Where a marshaller writes one message: either a whole array or through a buffer writer.</summary>
public abstract class SerializationContext
{
    public virtual void Complete(byte[] payload) => throw new NotSupportedException();

    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotSupportedException();

    public virtual void SetPayloadLength(int payloadLength)
    {
    }

    public virtual void Complete() => throw new NotSupportedException();
}

/// <summary>Where a marshaller reads one message from.</summary>
public abstract class DeserializationContext
{
    public abstract int PayloadLength { get; }

    public virtual byte[] PayloadAsNewBuffer() => PayloadAsReadOnlySequence().ToArray();

    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => throw new NotSupportedException();
}
