using System.Buffers;
using System.Buffers.Binary;

namespace Grpc.Core;

/// <summary>
/// Serializes one message straight into the output: when the marshaller announces the payload length
/// (generated protobuf code does), the prefix is written first and the message lands in place with no copy.
/// Otherwise (or when compressing) the payload is buffered and framed on Complete.
/// </summary>
internal sealed class FramingSerializationContext(IBufferWriter<byte> output) : SerializationContext
{
    private ArrayBufferWriter<byte>? _buffer;
    private bool _direct;
    private bool _compress;
    private int? _maxMessageSize;

    public void Reset(bool compress, int? maxMessageSize)
    {
        _direct = false;
        _compress = compress;
        _maxMessageSize = maxMessageSize;
        _buffer?.ResetWrittenCount();
    }

    public override void SetPayloadLength(int payloadLength)
    {
        CheckSize(payloadLength);
        if (_compress)
        {
            return;
        }

        var header = output.GetSpan(GrpcProtocol.HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)payloadLength);
        output.Advance(GrpcProtocol.HeaderSize);
        _direct = true;
    }

    public override IBufferWriter<byte> GetBufferWriter() => _direct ? output : _buffer ??= new ArrayBufferWriter<byte>();

    public override void Complete(byte[] payload)
    {
        CheckSize(payload.Length);
        MessageFraming.WriteMessage(output, payload, _compress);
    }

    public override void Complete()
    {
        if (_direct)
        {
            return;
        }

        var payload = _buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.WrittenSpan;
        CheckSize(payload.Length);
        MessageFraming.WriteMessage(output, payload, _compress);
    }

    private void CheckSize(int length)
    {
        if (length > _maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message of {length} bytes exceeds the maximum of {_maxMessageSize} bytes. Send smaller messages or raise MaxSendMessageSize."));
        }
    }
}
