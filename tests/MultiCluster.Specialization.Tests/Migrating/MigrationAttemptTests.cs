using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Tests.EndToEnd;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Specialization.Tests.Migrating;

/// <summary>
/// Only the attempt that claimed a migration writes it: a runner that lost its lease and was superseded by another
/// claim cannot move the job's checkpoint, state or routing afterwards.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class MigrationAttemptTests(SpecializationFixture fixture)
{
    [Fact]
    public async Task ASupersededAttempt_CannotSave_AndTheClaimingAttemptCan()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        var store = new MigrationStore(dataSource);
        var library = $"matt-{Guid.NewGuid():N}"[..13];
        var job = new MigrationRow
        {
            OperationId = Guid.NewGuid().ToString(),
            Library = library,
            DomainId = "d1",
            SourceCluster = "local-a",
            TargetCluster = "local-b",
            Move = new DomainMove { Library = library, DomainId = "d1" },
            State = OperationState.Running,
            Phase = MigrationPhase.Copying,
            BatchSize = 100,
            Workers = 1,
        };
        // Held by the test, so the host's coordinator never claims the job itself.
        await using var lease = (await MigrationLease.TryTakeAsync(dataSource, job.OperationId, CancellationToken.None).Within())!;
        await using (var transaction = await (await dataSource.OpenConnectionAsync()).BeginTransactionAsync())
        {
            await MigrationStore.InsertAsync(transaction, job, CancellationToken.None);
            await transaction.CommitAsync();
        }

        try
        {
            var first = (await store.ClaimAsync(job.OperationId, CancellationToken.None).Within())!;
            var second = (await store.ClaimAsync(job.OperationId, CancellationToken.None).Within())!;

            var refused = await Assert.ThrowsAsync<MigrationSupersededException>(() => store.SaveAsync(null, first with { Checkpoint = "stale", BatchesDone = 7 }, CancellationToken.None));
            var saved = await store.SaveAsync(null, second with { Checkpoint = "current", BatchesDone = 3 }, CancellationToken.None).Within();

            Assert.Equal((first.Attempt + 1, first.Attempt), (second.Attempt, refused.Attempt));
            Assert.Equal(("current", 3L), (saved.Checkpoint, saved.BatchesDone));
        }
        finally
        {
            await using var end = dataSource.CreateCommand("UPDATE migrations SET state = 6 WHERE operation_id = @id");
            end.Parameters.AddWithValue("id", job.OperationId);
            await end.ExecuteNonQueryAsync();
        }
    }
}
