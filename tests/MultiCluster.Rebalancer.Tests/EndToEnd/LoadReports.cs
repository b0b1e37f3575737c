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

    /// <summary>
    /// Publishes <paramref name="windows"/> consecutive 5 s reports ending now (<paramref name="window"/> makes the i-th
    /// from its end) and waits until local-a's are stored; returns now.
    /// </summary>
    public static async Task<DateTimeOffset> FeedAsync(RebalancerFixture fixture, int windows, Func<DateTimeOffset, int, ClusterLoadEvent> window)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(window);
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(fixture, [.. Enumerable.Range(0, windows).Select(i => window(now - (TimeSpan.FromSeconds(5) * (windows - 1 - i)), i))]);
        await Eventually.TrueAsync(
            async () => await fixture.ScalarAsync<long>("SELECT count(*) FROM load_samples WHERE cluster = 'local-a'") == windows,
            "every report stored");
        return now;
    }

    /// <summary>
    /// Goes on reporting (<paramref name="next"/>, a window a second) until GetPredictionAccuracy's answer is
    /// <paramref name="scored"/>: forecasts are scored once their bucket has passed and its reports are stored.
    /// </summary>
    public static async Task<GetPredictionAccuracyResponse> ReportUntilScoredAsync(
        RebalancerFixture fixture, Func<ClusterLoadEvent> next, Func<GetPredictionAccuracyResponse, bool> scored, string what)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(scored);
        GetPredictionAccuracyResponse? accuracy = null;
        await Eventually.TrueAsync(
            async () =>
            {
                await PublishAsync(fixture, next());
                await Task.Delay(1000);
                accuracy = await fixture.Client.GetPredictionAccuracyAsync(new GetPredictionAccuracyRequest()).ResponseAsync;
                return scored(accuracy);
            },
            what);
        return accuracy!;
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
