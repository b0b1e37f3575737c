using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>The re-analysis schedule running in a real host: it analyses what changed, and only that.</summary>
[Collection(DiscoveryHostGroup.Name)]
public sealed class ScheduleTests(DiscoveryHostFixture fixture)
{
    [Fact]
    public async Task ScheduledHost_AnalysesALibraryThatHasNoMap_OnceWithinTheInterval_AndLeavesAnEmptyLibraryAlone()
    {
        // A host of its own (fresh database, own Redis), so its maps and events stay apart from the shared host's.
        var postgres = await PostgresServer.SharedAsync();
        await using var redis = await RedisServer.StartAsync();
        var settings = fixture.Settings
            .Where(s => s.Key is not ("Discovery__ReanalysisInterval" or "Postgres__ConnectionString" or "Redis__ConnectionString"))
            .Append(("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("discovery")))
            .Append(("Redis__ConnectionString", redis.ConnectionString))
            .Append(("Discovery__ReanalysisInterval", "10m"))
            .Append(("Discovery__SchedulerTick", "1s"));
        await using var host = await DiscoveryHost.StartAsync(settings);

        var first = new Google.Protobuf.Collections.RepeatedField<AnalysisRecord>();
        await Eventually.TrueAsync(
            async () => (first = (await host.Client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest()).ResponseAsync.Within()).Records)
                .Any(r => r.State == OperationState.Succeeded),
            "a scheduled analysis of 'fashion' that succeeded");

        // Several ticks later: still one analysis, since the interval has not passed, and none of the empty library.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var records = (await host.Client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest()).ResponseAsync.Within()).Records;
        var scheduled = Assert.Single(records);
        Assert.Equal(DiscoveryHostFixture.Library, scheduled.Library);
        Assert.Equal(first[0].OperationId, scheduled.OperationId);
        Assert.Equal(AnalysisStrategy.Hybrid, scheduled.Settings.Strategy);
        Assert.True(scheduled.MapVersion > 0, "the scheduled analysis stored a map");
    }
}
