using Google.Protobuf;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;
using Xunit;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>The calls the end-to-end tests make over and over, each bounded.</summary>
public static class Calls
{
    /// <summary>Every message of WatchAnalysis until the stream ends (after the terminal one).</summary>
    public static async Task<IReadOnlyList<WatchAnalysisResponse>> WatchToEndAsync(this V1.DiscoveryService.DiscoveryServiceClient client, string operationId)
    {
        using var call = client.WatchAnalysis(new WatchAnalysisRequest { OperationId = operationId }, deadline: DateTime.UtcNow + Bounded.Timeout);
        var messages = new List<WatchAnalysisResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            messages.Add(call.ResponseStream.Current);
        }

        return messages;
    }

    /// <summary>Starts an analysis and follows it to its terminal message; returns every message seen.</summary>
    public static async Task<IReadOnlyList<WatchAnalysisResponse>> AnalyzeToEndAsync(this V1.DiscoveryService.DiscoveryServiceClient client, AnalyzeDomainsRequest request)
    {
        var started = await client.AnalyzeDomainsAsync(request).ResponseAsync.Within();
        Assert.False(string.IsNullOrEmpty(started.OperationId));
        var messages = await client.WatchToEndAsync(started.OperationId).Within();
        Assert.True(messages[^1].Progress.Terminal, "the last message of WatchAnalysis is terminal");
        return messages;
    }

    /// <summary>The status a call fails with (the test fails when it succeeds).</summary>
    public static async Task<Status> StatusOfAsync<T>(AsyncUnaryCall<T> call)
    {
        try
        {
            await call.ResponseAsync.Within();
        }
        catch (RpcException e)
        {
            return e.Status;
        }

        Assert.Fail("The call succeeded, but a refusal was expected.");
        return default;
    }

    /// <summary>Publishes an event the way the local transport does: a CloudEvent in the JSON format on the topic's stream.</summary>
    public static async Task PublishAsync(this IConnectionMultiplexer redis, string topic, IMessage message)
    {
        var factory = new CloudEventFactory(new MultiCluster.Messaging.MessagingOptions { ServiceName = "discovery-tests" }, TimeProvider.System);
        var json = CloudEventFormat.Encode(factory.Create(message));
        await redis.GetDatabase().StreamAddAsync(topic, "data", json).Within();
    }

    /// <summary>The events of a topic's stream, decoded.</summary>
    public static async Task<IReadOnlyList<T>> ReadStreamAsync<T>(this IConnectionMultiplexer redis, string topic, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(topic).Within();
        return entries.Select(e => CloudEventFormat.Decode((byte[])e["data"]!).GetProtobufData(parser)).ToList();
    }
}
