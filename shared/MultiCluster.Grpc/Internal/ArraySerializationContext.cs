using System.Buffers;

namespace Grpc.Core;

/// <summary>Collects one serialized message in a growable buffer.</summary>
internal sealed class ArraySerializationContext : SerializationContext
{
    private ArrayBufferWriter<byte>? _writer;
    private byte[]? _payload;

    public override void Complete(byte[] payload) => _payload = payload;

    public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

    public override void Complete()
    {
    }

    public ReadOnlyMemory<byte> WrittenMemory => _payload ?? _writer?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;

    public byte[] ToArray() => _payload ?? _writer?.WrittenSpan.ToArray() ?? [];

    public void Reset()
    {
        _payload = null;
        _writer?.ResetWrittenCount();
    }
}

/// <summary>Hands a marshaller one received message.</summary>
internal sealed class ArrayDeserializationContext(ReadOnlySequence<byte> payload) : DeserializationContext
{
    public ArrayDeserializationContext()
        : this(default(ReadOnlySequence<byte>))
    {
    }

    public ArrayDeserializationContext(byte[] payload)
        : this(new ReadOnlySequence<byte>(payload))
    {
    }

    public void Reset(ReadOnlySequence<byte> next) => payload = next;

    public override int PayloadLength => (int)payload.Length;

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => payload;
}
