using Grpc.Core;
using MultiCluster.Messaging.Dapr.Tests.Testing;

namespace MultiCluster.Messaging.Dapr.Tests.Infrastructure;

/// <summary>The invocation target: answers with the text, its own service name, and the metadata that reached it.</summary>
public sealed class EchoService(MessagingOptions options) : Echo.EchoBase
{
    public override Task<EchoReply> Say(EchoRequest request, ServerCallContext context) => Task.FromResult(Reply(request.Text, context));

    public override async Task SayEachWord(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        foreach (var word in request.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            await responseStream.WriteAsync(Reply(word, context));
        }
    }

    private EchoReply Reply(string text, ServerCallContext context)
    {
        var reply = new EchoReply { Text = text, ServedBy = options.ServiceName };
        foreach (var header in context.RequestHeaders.Where(h => !h.IsBinary))
        {
            reply.Headers[header.Key] = header.Value;
        }

        return reply;
    }
}
