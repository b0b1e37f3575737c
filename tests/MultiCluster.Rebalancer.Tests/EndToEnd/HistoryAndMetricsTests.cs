using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Finished runs as GetRebalancingHistory pages and filters them and GetRebalancingMetrics counts them.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class HistoryAndMetricsTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task Three_runs_page_newest_first_filter_by_trigger_and_add_up_in_the_metrics()
    {
        var since = DateTimeOffset.UtcNow;
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-history", 30, 20, 10);
        var started = new List<string>();
        foreach (var blob in new[] { 0, 1, 2 })
        {
            var domain = library.DomainOfBlob(blob);
            var operationId = await Runs.ExecuteAsync(fixture, new ExecuteAdaptiveMigrationRequest { Moves = { Runs.Move(library, domain, Runs.OtherCluster(library.Entry(domain))) } });
            Assert.Equal(OperationState.Succeeded, (await Runs.WatchToEndAsync(fixture, operationId))[^1].Progress.State);
            started.Add(operationId);
        }

        var first = await Runs.HistoryAsync(fixture, since, pageSize: 2);
        var second = await Runs.HistoryAsync(fixture, since, pageSize: 2, pageToken: first.NextPageToken);
        var manual = await Runs.HistoryAsync(fixture, since, 0, "", RebalancingTrigger.Manual);
        var threshold = await Runs.HistoryAsync(fixture, since, 0, "", RebalancingTrigger.Threshold, RebalancingTrigger.Predicted);
        var otherFilters = await Assert.ThrowsAsync<RpcException>(() => Runs.HistoryAsync(fixture, since, 2, first.NextPageToken, RebalancingTrigger.Manual));
        var metrics = await fixture.Client.GetRebalancingMetricsAsync(new GetRebalancingMetricsRequest
        {
            TimeRange = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(since) },
        }).ResponseAsync.Within();

        Assert.Equal(started.AsEnumerable().Reverse(), first.Records.Concat(second.Records).Select(r => r.OperationId));
        Assert.Equal(2, first.Records.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Empty(second.NextPageToken);
        Assert.Equal(3, manual.Records.Count);
        Assert.Empty(threshold.Records);
        Assert.Equal(StatusCode.InvalidArgument, otherFilters.StatusCode);
        Assert.StartsWith("pagination.page_token:", otherFilters.Status.Detail, StringComparison.Ordinal);

        Assert.Equal(3UL, metrics.RebalancingCount);
        Assert.Equal(0UL, metrics.FailureCount);
        Assert.Equal(3UL, metrics.MovesCompleted);
        Assert.Equal(60UL, metrics.PointsMoved);
        Assert.True(metrics.BytesMoved > 0, $"bytes moved {metrics.BytesMoved}");
        Assert.True(metrics.MeanDuration.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal(first.Records[0].FinishedAt, metrics.LastFinishedAt);
    }
}
