using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Grpc.Core;

/// <summary>Length-prefixed messages as they travel in HTTP/2 DATA frames, with optional gzip.</summary>
internal static class MessageFraming
{
    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/> if it is all there.
    /// The size is checked from the prefix alone, so an oversized message is refused before it is buffered.
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(new Status(StatusCode.Internal, $"Malformed message: compressed flag is {header[0]}, but only 0 and 1 are allowed.")),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum of {maxMessageSize} bytes. Send smaller messages or raise MaxReceiveMessageSize."));
        }

        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Writes the prefix and payload; compresses first when asked.</summary>
    public static void WriteMessage(IBufferWriter<byte> output, ReadOnlySpan<byte> payload, bool compress)
    {
        if (compress)
        {
            payload = Gzip.Compress(payload);
        }

        var span = output.GetSpan(GrpcProtocol.HeaderSize + payload.Length);
        span[0] = compress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)payload.Length);
        payload.CopyTo(span[GrpcProtocol.HeaderSize..]);
        output.Advance(GrpcProtocol.HeaderSize + payload.Length);
    }

    /// <summary>Payload of a received message, decompressed when its flag says so.</summary>
    public static ReadOnlySequence<byte> Decode(ReadOnlySequence<byte> payload, bool compressed, string? encoding, int maxMessageSize)
    {
        if (!compressed)
        {
            return payload;
        }

        if (encoding is null || encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Internal,
                "Message is flagged compressed but grpc-encoding is identity (or absent). Send grpc-encoding: gzip with compressed messages."));
        }

        return new ReadOnlySequence<byte>(Gzip.Decompress(payload, maxMessageSize));
    }

    private static class Gzip
    {
        public static byte[] Compress(ReadOnlySpan<byte> payload)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload);
            }

            return output.ToArray();
        }

        public static byte[] Decompress(ReadOnlySequence<byte> payload, int maxMessageSize)
        {
            using var input = new MemoryStream(payload.ToArray());
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (output.Length + read > maxMessageSize)
                    {
                        throw new RpcException(new Status(StatusCode.ResourceExhausted,
                            $"Decompressed message exceeds the maximum of {maxMessageSize} bytes. Send smaller messages or raise MaxReceiveMessageSize."));
                    }

                    output.Write(chunk, 0, read);
                }
            }
            catch (InvalidDataException ex)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"Message flagged gzip could not be decompressed: {ex.Message}"));
            }

            return output.ToArray();
        }
    }
}
