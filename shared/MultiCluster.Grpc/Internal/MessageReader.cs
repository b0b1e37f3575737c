using System.IO.Pipelines;

namespace Grpc.Core;

/// <summary>Reads length-prefixed messages from a pipe, one at a time; null marks a clean end of stream.</summary>
internal static class MessageReader
{
    [ThreadStatic]
    private static ArrayDeserializationContext? t_context;

    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, Marshaller<T> marshaller, int? maxMessageSize, string? encoding, string what, CancellationToken cancellationToken)
        where T : class
    {
        var max = maxMessageSize ?? int.MaxValue;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (MessageFraming.TryReadMessage(ref buffer, max, out var compressed, out var payload))
            {
                T message;
                try
                {
                    message = Deserialize(marshaller, MessageFraming.Decode(payload, compressed, encoding, max), what);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }

                return message;
            }

            if (result.IsCompleted)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                return remaining == 0
                    ? null
                    : throw new RpcException(new Status(StatusCode.Internal,
                        $"Incomplete {what} message: the stream ended {remaining} bytes into a message. The sender must send whole length-prefixed messages."));
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T Deserialize<T>(Marshaller<T> marshaller, System.Buffers.ReadOnlySequence<byte> payload, string what)
    {
        try
        {
            var context = t_context ??= new ArrayDeserializationContext();
            context.Reset(payload);
            try
            {
                return marshaller.ContextualDeserializer(context);
            }
            finally
            {
                context.Reset(default);
            }
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize {what} message: {ex.Message}", ex));
        }
    }
}
