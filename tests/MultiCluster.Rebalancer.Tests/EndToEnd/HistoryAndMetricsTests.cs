using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Finished runs as GetRebalancingHistory pages and filters them and GetRebalancingMetrics counts them.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class HistoryAndMetricsTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task Runs_page_newest_first_filter_by_trigger_and_add_up_in_the_metrics_and_a_run_moves_two_domains_at_once()
    {
        var since = DateTimeOffset.UtcNow;
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-history", 30, 20, 10);
        DomainMove MoveOf(int blob) => Runs.Move(library, library.DomainOfBlob(blob), Runs.OtherCluster(library.Entry(library.DomainOfBlob(blob))));
        var requests = new[]
        {
            new ExecuteAdaptiveMigrationRequest { Moves = { MoveOf(0), MoveOf(1) }, Throttle = new AdaptiveThrottle { MaxConcurrentMoves = 2, MaxPointsPerSecond = 5 } },
            new ExecuteAdaptiveMigrationRequest { Moves = { MoveOf(2) } },
        };
        var started = new List<string>();
        var watched = new List<IReadOnlyList<WatchRebalancingResponse>>();
        foreach (var request in requests)
        {
            var operationId = await Runs.ExecuteAsync(fixture, request);
            watched.Add(await Runs.WatchToEndAsync(fixture, operationId));
            var last = watched[^1][^1];
            Assert.Equal(OperationState.Succeeded, last.Progress.State);
            Assert.All(last.Moves, m => Assert.Equal(OperationState.Succeeded, m.State));
            Assert.Equal(request.Moves.Count, last.Moves.Select(m => m.MigrationOperationId).Distinct().Count());
            started.Add(operationId);
        }

        var first = await Runs.HistoryAsync(fixture, since, pageSize: 1);
        var second = await Runs.HistoryAsync(fixture, since, pageSize: 1, pageToken: first.NextPageToken);
        var manual = await Runs.HistoryAsync(fixture, since, 0, "", RebalancingTrigger.Manual);
        var threshold = await Runs.HistoryAsync(fixture, since, 0, "", RebalancingTrigger.Threshold, RebalancingTrigger.Predicted);
        var otherFilters = await Assert.ThrowsAsync<RpcException>(() => Runs.HistoryAsync(fixture, since, 1, first.NextPageToken, RebalancingTrigger.Manual));
        var metrics = await fixture.Client.GetRebalancingMetricsAsync(new GetRebalancingMetricsRequest
        {
            TimeRange = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(since) },
        }).ResponseAsync.Within();
        // What the planner reads for its cooldown, from the same tables.
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        var store = new RunStore(dataSource);
        var recent = await store.MovesSinceAsync(since, CancellationToken.None).Within();
        var lastFinished = await store.LastFinishedAtAsync(CancellationToken.None).Within();

        // Copying at 5 points per second takes seconds: both moves of the first run were seen running together.
        Assert.Contains(watched[0], m => m.Moves.All(x => x.State == OperationState.Running));
        Assert.Equal(started.AsEnumerable().Reverse(), first.Records.Concat(second.Records).Select(r => r.OperationId));
        Assert.Single(first.Records);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Empty(second.NextPageToken);
        Assert.Equal(2, manual.Records.Count);
        Assert.Empty(threshold.Records);
        Assert.Equal(StatusCode.InvalidArgument, otherFilters.StatusCode);
        Assert.StartsWith("pagination.page_token:", otherFilters.Status.Detail, StringComparison.Ordinal);

        Assert.Equal(2UL, metrics.RebalancingCount);
        Assert.Equal(0UL, metrics.FailureCount);
        Assert.Equal(3UL, metrics.MovesCompleted);
        Assert.Equal(60UL, metrics.PointsMoved);
        Assert.True(metrics.BytesMoved > 0, $"bytes moved {metrics.BytesMoved}");
        Assert.True(metrics.MeanDuration.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal(first.Records[0].FinishedAt, metrics.LastFinishedAt);

        Assert.Equal(3, recent.Count);
        Assert.Equal(recent.OrderByDescending(m => m.StartedAt), recent);
        Assert.Equal(library.DomainOfBlob(2), recent[0].DomainId);
        Assert.All(recent, m => Assert.True(m.From.Length > 0 && m.To.Length > 0 && m.From != m.To, $"{m.DomainId}: {m.From} -> {m.To}"));
        Assert.Equal(metrics.LastFinishedAt.ToDateTimeOffset(), lastFinished);
    }
}
