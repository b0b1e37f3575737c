using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Integration.Tests.HostileRequests;

/// <summary>
/// Calls any method of any contract from its descriptor alone, as a client generated in another language would: the
/// request goes out as bytes, the answer is read to its end. Returns the status the call ended with.
/// </summary>
public static class DynamicCall
{
    private static readonly Marshaller<IMessage> Requests = Marshallers.Create<IMessage>(m => m.ToByteArray(), _ => throw new NotSupportedException());

    public static async Task<Status> RunAsync(CallInvoker invoker, MethodDescriptor method, IMessage request, Metadata headers, TimeSpan deadline)
    {
        var responses = Marshallers.Create<IMessage>(m => m.ToByteArray(), method.OutputType.Parser.ParseFrom);
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        var grpcMethod = new Method<IMessage, IMessage>(type, method.Service.FullName, method.Name, Requests, responses);
        var options = new CallOptions(headers, DateTime.UtcNow + deadline);
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(grpcMethod, null, options, request);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, request))
                    {
                        await DrainAsync(call.ResponseStream);
                    }

                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(grpcMethod, null, options))
                    {
                        await SendAsync(call.RequestStream, request);
                        await call.ResponseAsync;
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(grpcMethod, null, options))
                    {
                        await SendAsync(call.RequestStream, request);
                        await DrainAsync(call.ResponseStream);
                    }

                    break;
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    // Twice the same message, then the end of the stream: a stream of one would not show a handler that reads past
    // the first message wrongly. A server that answers early may refuse further writes; its answer is what counts.
    private static async Task SendAsync(IClientStreamWriter<IMessage> stream, IMessage request)
    {
        try
        {
            await stream.WriteAsync(request);
            await stream.WriteAsync(request);
            await stream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
        }
    }

    // A watch may stream until the deadline; a few messages show it answers, and ending there is the client's right.
    private static async Task DrainAsync(IAsyncStreamReader<IMessage> stream)
    {
        for (var read = 0; read < 3 && await stream.MoveNext(CancellationToken.None); read++)
        {
        }
    }
}
