using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>What the execution tests do over and over: moves to ask for, runs to follow, history and events to read.</summary>
internal static class Runs
{
    public static DomainMove Move(PlacedLibrary library, string domainId, string target) =>
        new() { Library = library.Name, DomainId = domainId, Target = new ClusterRef { Name = target } };

    /// <summary>A cluster that holds no copy of the domain.</summary>
    public static string OtherCluster(RouteEntry entry) =>
        RebalancerFixture.ClusterNames.First(c => c != entry.Primary.Name && entry.ReadClusters.All(r => r.Name != c));

    public static async Task<string> ExecuteAsync(RebalancerFixture fixture, ExecuteAdaptiveMigrationRequest request) =>
        (await fixture.Client.ExecuteAdaptiveMigrationAsync(request).ResponseAsync.Within()).OperationId;

    /// <summary>Every message WatchRebalancing streams for the run until it ends (bounded).</summary>
    public static async Task<IReadOnlyList<WatchRebalancingResponse>> WatchToEndAsync(RebalancerFixture fixture, string operationId, Action<WatchRebalancingResponse>? seen = null)
    {
        using var call = fixture.Client.WatchRebalancing(new WatchRebalancingRequest { OperationId = operationId }, deadline: DateTime.UtcNow.Add(Bounded.Timeout));
        var messages = new List<WatchRebalancingResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message);
            seen?.Invoke(message);
        }

        return messages;
    }

    /// <summary>GetRebalancingHistory over runs started since <paramref name="since"/>.</summary>
    public static async Task<GetRebalancingHistoryResponse> HistoryAsync(
        RebalancerFixture fixture, DateTimeOffset since, uint pageSize = 0, string pageToken = "", params RebalancingTrigger[] triggers) =>
        await fixture.Client.GetRebalancingHistoryAsync(new GetRebalancingHistoryRequest
        {
            TimeRange = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(since) },
            Triggers = { triggers },
            Pagination = new Pagination { PageSize = pageSize, PageToken = pageToken },
        }).ResponseAsync.Within();

    public static async Task<RebalancingRecord> RecordAsync(RebalancerFixture fixture, DateTimeOffset since, string operationId) =>
        (await HistoryAsync(fixture, since)).Records.Single(r => r.OperationId == operationId);

    /// <summary>The "rebalancing.executed" events published so far, read from the local transport's stream.</summary>
    public static async Task<IReadOnlyList<RebalancingExecutedEvent>> ExecutedEventsAsync(RebalancerFixture fixture)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString).Within();
        var entries = await redis.GetDatabase().StreamRangeAsync(Topics.RebalancingExecuted).Within();
        return entries.Select(e => CloudEventFormat.Decode((byte[])e["data"]!).GetProtobufData(RebalancingExecutedEvent.Parser)).ToList();
    }
}
