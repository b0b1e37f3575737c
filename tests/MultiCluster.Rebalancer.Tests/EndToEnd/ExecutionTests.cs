using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>ExecuteAdaptiveMigration against the real Specialization: moves happen, are tracked, announced, exclusive, idempotent and survive a crash.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class ExecutionTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task A_moved_domain_is_routed_to_and_held_by_its_target_and_the_run_is_reported_succeeded_with_its_migration()
    {
        var since = DateTimeOffset.UtcNow;
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-move", 50, 20);
        var domain = library.DomainOfBlob(1);
        var entry = library.Entry(domain);
        var target = Runs.OtherCluster(entry);

        var operationId = await Runs.ExecuteAsync(fixture, new ExecuteAdaptiveMigrationRequest { Moves = { Runs.Move(library, domain, target) }, Reason = "move test" });
        var watched = await Runs.WatchToEndAsync(fixture, operationId);

        var last = watched[^1];
        Assert.True(last.Progress.Terminal);
        Assert.Equal(OperationState.Succeeded, last.Progress.State);
        Assert.Equal(OperationKind.Rebalancing, last.Progress.Kind);
        var outcome = Assert.Single(last.Moves);
        Assert.Equal(OperationState.Succeeded, outcome.State);
        Assert.Equal(MigrationPhase.Completed, outcome.Phase);
        Assert.Equal(entry.Primary.Name, outcome.Move.Source.Name);
        Assert.NotEmpty(outcome.MigrationOperationId);

        var table = await library.CurrentTableAsync(fixture);
        Assert.Equal(target, table.Entries.Single(e => e.DomainId == domain).Primary.Name);
        Assert.Equal(20, await fixture.Cluster(target).CountAsync(LibraryName.Collection(library.Name, domain)).Within());

        var record = await Runs.RecordAsync(fixture, since, operationId);
        Assert.Equal(RebalancingTrigger.Manual, record.Trigger);
        Assert.Equal(OperationState.Succeeded, record.State);
        Assert.Equal("move test", record.Reason);
        Assert.Equal(outcome.MigrationOperationId, Assert.Single(record.Moves).MigrationOperationId);
        Assert.NotNull(record.FinishedAt);

        RebalancingExecutedEvent? executed = null;
        await Eventually.TrueAsync(async () =>
        {
            executed = (await Runs.ExecutedEventsAsync(fixture)).FirstOrDefault(e => e.Record.OperationId == operationId);
            return executed is not null;
        }, $"rebalancing.executed for {operationId}");
        Assert.Equal(OperationState.Succeeded, executed!.Record.State);
        Assert.Equal(outcome.MigrationOperationId, executed.Record.Moves[0].MigrationOperationId);
        Assert.Null(executed.Error);
    }

    [Fact]
    public async Task A_second_request_while_one_runs_is_refused_naming_it_and_a_repeated_request_id_returns_the_first()
    {
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-busy", 60, 20);
        using var stop = new CancellationTokenSource(Bounded.Timeout);
        using var everyRun = fixture.Client.WatchRebalancing(new WatchRebalancingRequest(), cancellationToken: stop.Token);
        var slow = library.DomainOfBlob(0);
        var other = library.DomainOfBlob(1);
        var request = new ExecuteAdaptiveMigrationRequest
        {
            Moves = { Runs.Move(library, slow, Runs.OtherCluster(library.Entry(slow))) },
            Throttle = new AdaptiveThrottle { MaxPointsPerSecond = 5 },
            RequestId = "busy-" + Guid.NewGuid(),
        };

        var first = await Runs.ExecuteAsync(fixture, request);
        var repeated = await Runs.ExecuteAsync(fixture, request);
        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.ExecuteAdaptiveMigrationAsync(new ExecuteAdaptiveMigrationRequest
        {
            Moves = { Runs.Move(library, other, Runs.OtherCluster(library.Entry(other))) },
        }).ResponseAsync.Within());
        var watched = await Runs.WatchToEndAsync(fixture, first);
        var afterwards = await Runs.ExecuteAsync(fixture, request);
        var endSeenByEveryRunWatch = false;
        while (!endSeenByEveryRunWatch && await everyRun.ResponseStream.MoveNext(stop.Token))
        {
            var progress = everyRun.ResponseStream.Current.Progress;
            endSeenByEveryRunWatch = progress.OperationId == first && progress.Terminal;
        }

        await stop.CancelAsync();

        Assert.True(endSeenByEveryRunWatch, "the watch of every run never showed the run's end");
        Assert.Equal(first, repeated);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains(first, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(OperationState.Succeeded, watched[^1].Progress.State);
        Assert.Equal(first, afterwards);
    }

    [Fact]
    public async Task A_Rebalancer_killed_mid_run_resumes_the_run_on_start_and_finishes_it_without_a_second_migration()
    {
        var since = DateTimeOffset.UtcNow;
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-crash", 80, 20);
        var domain = library.DomainOfBlob(0);
        var target = Runs.OtherCluster(library.Entry(domain));
        var operationId = await Runs.ExecuteAsync(fixture, new ExecuteAdaptiveMigrationRequest
        {
            Moves = { Runs.Move(library, domain, target) },
            Throttle = new AdaptiveThrottle { MaxPointsPerSecond = 5 },
        });
        var migrationId = "";
        await Eventually.TrueAsync(async () =>
        {
            var move = (await Runs.RecordAsync(fixture, since, operationId)).Moves[0];
            migrationId = move.MigrationOperationId;
            return migrationId.Length > 0 && move.Phase == MigrationPhase.Copying;
        }, "the move's migration to be copying");

        fixture.KillHost();
        await fixture.StartHostAsync();
        RebalancingRecord? record = null;
        await Eventually.TrueAsync(async () =>
        {
            record = await Runs.RecordAsync(fixture, since, operationId);
            return record.FinishedAt is not null;
        }, $"rebalancing {operationId} to end after the restart");

        Assert.Equal(OperationState.Succeeded, record!.State);
        Assert.Equal(migrationId, record.Moves[0].MigrationOperationId);
        var migrations = (await fixture.SpecializationClient.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest
        {
            Library = library.Name,
            Kinds = { SpecializationEventKind.Migration },
        }).ResponseAsync.Within()).Records.Where(r => r.DomainId == domain).Select(r => r.OperationId).Distinct();
        Assert.Equal([migrationId], migrations);
        Assert.Equal(target, (await library.CurrentTableAsync(fixture)).Entries.Single(e => e.DomainId == domain).Primary.Name);
    }
}
