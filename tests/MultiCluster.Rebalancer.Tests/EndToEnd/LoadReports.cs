using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>What the end-to-end tests do over and over: load reports as an Orchestrator publishes them, and refusals.</summary>
internal static class LoadReports
{
    /// <summary>A cluster's load in a report: its rate and, optionally, domains of <paramref name="library"/> with their rates.</summary>
    public static ClusterLoad Load(string cluster, double rate, string library = "", params (string Domain, double Rate)[] domains) => new()
    {
        Cluster = new ClusterRef { Name = cluster },
        RequestRatePerSecond = rate,
        LatencyP99Ms = 10,
        Domains = { domains.Select(d => new DomainQueryLoad { Library = library, DomainId = d.Domain, QueryRatePerSecond = d.Rate }) },
    };

    /// <summary>A report of <paramref name="reporter"/> for the 5 s window ending at <paramref name="end"/>.</summary>
    public static ClusterLoadEvent Report(string reporter, DateTimeOffset end, params ClusterLoad[] loads) => new()
    {
        Reporter = reporter,
        WindowStart = Timestamp.FromDateTimeOffset(end - TimeSpan.FromSeconds(5)),
        Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
        Clusters = { loads },
    };

    /// <summary>Publishes events the way the local transport does: CloudEvents in the JSON format on the topic's stream.</summary>
    public static async Task PublishAsync(RebalancerFixture fixture, params IMessage[] messages)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString).Within();
        var factory = new CloudEventFactory(new MultiCluster.Messaging.MessagingOptions { ServiceName = "rebalancer-tests" }, TimeProvider.System);
        foreach (var message in messages)
        {
            await redis.GetDatabase().StreamAddAsync(Topics.ClusterLoad, "data", CloudEventFormat.Encode(factory.Create(message))).Within();
        }
    }

    /// <summary>Makes every call in <paramref name="cases"/> and checks each is refused with its status and a detail starting as given.</summary>
    public static async Task AssertRefusedAsync<TRequest, TResponse>(Func<TRequest, AsyncUnaryCall<TResponse>> call, IEnumerable<(TRequest Request, StatusCode Code, string Start)> cases)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var (request, code, start) in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => call(request).ResponseAsync.Within());
            Assert.True(error.StatusCode == code && error.Status.Detail.StartsWith(start, StringComparison.Ordinal), $"expected {code} '{start}…', got {error.StatusCode} '{error.Status.Detail}'");
        }
    }
}
