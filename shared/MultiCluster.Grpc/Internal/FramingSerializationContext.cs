using System.Buffers;
using System.Buffers.Binary;

namespace Grpc.Core;

/// <summary>
/// Serializes one message straight into the output: when the marshaller announces the payload length
/// (generated protobuf code does), the prefix is written first and the message lands in place with no copy.
/// Otherwise (or when compressing) the payload is buffered and framed on Complete.
/// </summary>
internal sealed class FramingSerializationContext : SerializationContext
{
    private IBufferWriter<byte> output = null!;

    public FramingSerializationContext()
    {
    }

    public FramingSerializationContext(IBufferWriter<byte> writer) => output = writer;

    public void Reset(bool compress, int? maxMessageSize) => Reset(output, compress, maxMessageSize);
    private ArrayBufferWriter<byte>? _buffer;
    private bool _direct;
    private bool _compress;
    private int? _maxMessageSize;

    public void Clear() => output = null!;

    public void Reset(IBufferWriter<byte> writer, bool compress, int? maxMessageSize)
    {
        output = writer;
        _direct = false;
        _inWindow = false;
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

        if (payloadLength <= WindowLimit)
        {
            // One GetMemory for prefix and payload, one Advance on Complete: the output (Kestrel's response
            // pipe) is touched twice per message instead of four or more times.
            _memory = output.GetMemory(GrpcProtocol.HeaderSize + payloadLength);
            var span = _memory.Span;
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)payloadLength);
            _windowed = GrpcProtocol.HeaderSize;
            _windowEnd = GrpcProtocol.HeaderSize + payloadLength;
            _direct = true;
            _inWindow = true;
            return;
        }

        var header = output.GetSpan(GrpcProtocol.HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)payloadLength);
        output.Advance(GrpcProtocol.HeaderSize);
        _direct = true;
    }

    private const int WindowLimit = 64 * 1024;
    private Memory<byte> _memory;
    private int _windowed;
    private int _windowEnd;
    private bool _inWindow;
    private WindowWriter? _windowWriter;

    public override IBufferWriter<byte> GetBufferWriter() =>
        _inWindow ? _windowWriter ??= new WindowWriter(this) : _direct ? output : _buffer ??= new ArrayBufferWriter<byte>();

    private sealed class WindowWriter(FramingSerializationContext owner) : IBufferWriter<byte>
    {
        public void Advance(int count)
        {
            if (count < 0 || owner._windowed + count > owner._windowEnd)
            {
                throw new InvalidOperationException("The marshaller wrote more bytes than the payload length it announced.");
            }

            owner._windowed += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Rest(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Rest(sizeHint).Span;

        private Memory<byte> Rest(int sizeHint)
        {
            var rest = owner._memory[owner._windowed..owner._windowEnd];
            if (sizeHint > rest.Length)
            {
                throw new InvalidOperationException("The marshaller asked for more bytes than the payload length it announced.");
            }

            return rest;
        }
    }

    public override void Complete(byte[] payload)
    {
        CheckSize(payload.Length);
        MessageFraming.WriteMessage(output, payload, _compress);
    }

    public override void Complete()
    {
        if (_inWindow)
        {
            _inWindow = false;
            if (_windowed != _windowEnd)
            {
                throw new InvalidOperationException($"The marshaller wrote {_windowed - GrpcProtocol.HeaderSize} bytes but announced {_windowEnd - GrpcProtocol.HeaderSize}.");
            }

            output.Advance(_windowEnd);
            _memory = default;
            return;
        }

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
