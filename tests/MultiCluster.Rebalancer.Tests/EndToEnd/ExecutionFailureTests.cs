using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>A run whose move Specialization refuses: how it ends, where the reason shows, and that the next rebalancing may start.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class ExecutionFailureTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task A_move_Specialization_refuses_ends_the_run_FAILED_with_its_reason_in_history_watch_and_event_and_the_next_rebalancing_starts()
    {
        await fixture.ResetAsync();
        var since = DateTimeOffset.UtcNow;
        var library = await PlacedLibrary.CreateAsync(fixture, $"fail-{Guid.NewGuid():N}"[..14], 100, 20);
        var slow = library.DomainOfBlob(0);
        var refused = library.DomainOfBlob(1);
        var operationId = await Runs.ExecuteAsync(fixture, new ExecuteAdaptiveMigrationRequest
        {
            Moves = { Runs.Move(library, slow, Runs.OtherCluster(library.Entry(slow))), Runs.Move(library, refused, Runs.OtherCluster(library.Entry(refused))) },
            Throttle = new AdaptiveThrottle { MaxPointsPerSecond = 5, MaxConcurrentMoves = 1 },
            Reason = "failure test",
        });

        // While the first move copies (100 points at 5 a second), a migration of the second move's domain is started at
        // Specialization directly and paused there: it holds the domain, so Specialization refuses the run's second move.
        var held = (await fixture.SpecializationClient.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = Runs.Move(library, refused, Runs.OtherCluster(library.Entry(refused))),
            MaxPointsPerSecond = 1,
        }).ResponseAsync.Within()).OperationId;
        await fixture.SpecializationClient.PauseMigrationAsync(new PauseMigrationRequest { OperationId = held }).ResponseAsync.Within();
        IReadOnlyList<WatchRebalancingResponse> watched;
        try
        {
            watched = await Runs.WatchToEndAsync(fixture, operationId);
        }
        finally
        {
            await fixture.SpecializationClient.CancelMigrationAsync(new CancelMigrationRequest { OperationId = held }).ResponseAsync.Within();
        }

        // The watch ends with the run's end: FAILED, the first move done, the second refused with Specialization's reason.
        var last = watched[^1];
        Assert.True(last.Progress.Terminal);
        Assert.Equal(OperationState.Failed, last.Progress.State);
        Assert.Equal([OperationState.Succeeded, OperationState.Failed], last.Moves.Select(m => m.State));
        var refusal = last.Moves[1].Error;
        Assert.Equal("FAILED_PRECONDITION", refusal.Code);
        Assert.Contains("already moving", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(held, refusal.Message, StringComparison.Ordinal);
        Assert.StartsWith("1 of 2 moves did not succeed; first: moves[1]", last.Progress.Error.Message, StringComparison.Ordinal);

        var record = await Runs.RecordAsync(fixture, since, operationId);
        Assert.Equal((OperationState.Failed, "failure test"), (record.State, record.Reason));
        Assert.NotNull(record.FinishedAt);
        Assert.Equal(refusal, record.Moves[1].Error);

        RebalancingExecutedEvent? executed = null;
        await Eventually.TrueAsync(async () =>
        {
            executed = (await Runs.ExecutedEventsAsync(fixture)).FirstOrDefault(e => e.Record.OperationId == operationId);
            return executed is not null;
        }, $"rebalancing.executed for {operationId}");
        Assert.Equal(OperationState.Failed, executed!.Record.State);
        Assert.Equal(last.Progress.Error, executed.Error);
        Assert.Equal(refusal, executed.Record.Moves[1].Error);

        // The run holds the "one at a time" lock no longer: a rebalancing with moves to make starts (of another library,
        // as this one's domains all moved, or tried to, within their cooldown).
        var other = await PlacedLibrary.CreateAsync(fixture, $"next-{Guid.NewGuid():N}"[..14], 60, 30, 20, 10);
        await HotCluster.MakeHotAsync(fixture, other);
        await Eventually.TrueAsync(async () => (await fixture.Client.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest()).ResponseAsync).LoadImbalance > 0.3,
            "the hot cluster's report to be stored");
        var next = await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest { Library = other.Name, Force = true, MaxMoves = 1, Reason = "after the failure" }).ResponseAsync.Within();
        Assert.True(next.OperationId.Length > 0, next.Plan.Explanation);
        Assert.NotEqual(operationId, next.OperationId);
        Assert.True((await Runs.WatchToEndAsync(fixture, next.OperationId))[^1].Progress.Terminal);
    }
}
