using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Tests.EndToEnd;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Specialization.Tests.Migrating;

/// <summary>
/// A migration lease whose PostgreSQL session ends (a restart, a cut connection; here the session is terminated the
/// way a restart ends it) is not lost silently: it takes the lock back, or says it lost it when another holder has it.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class MigrationLeaseTests(SpecializationFixture fixture)
{
    private static readonly TimeSpan Check = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task ALeaseWhoseSessionEnded_TakesTheLockBack_WhenNobodyElseHasIt()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        var job = $"lease-{Guid.NewGuid():N}";
        await using var lease = (await MigrationLease.TryTakeAsync(dataSource, job, Check, CancellationToken.None).Within())!;
        var first = await HolderAsync(dataSource, job);

        await TerminateAsync(dataSource, first!.Value);

        await Eventually.TrueAsync(async () => await HolderAsync(dataSource, job) is { } pid && pid != first, "the lease took its lock back on a new session");
        Assert.Null(await MigrationLease.TryTakeAsync(dataSource, job, CancellationToken.None).Within());
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task ALeaseWhoseSessionEnded_SaysItIsLost_WhenAnotherHolderTookTheLock()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        var job = $"lease-{Guid.NewGuid():N}";
        await using var lease = (await MigrationLease.TryTakeAsync(dataSource, job, TimeSpan.FromSeconds(5), CancellationToken.None).Within())!;

        await TerminateAsync(dataSource, (await HolderAsync(dataSource, job))!.Value);
        MigrationLease? other = null;
        await Eventually.TrueAsync(async () => (other = await MigrationLease.TryTakeAsync(dataSource, job, CancellationToken.None)) is not null, "another host took the lock");
        await using var second = other!;

        await Eventually.TrueAsync(() => lease.Lost.IsCancellationRequested, "the first lease knows it lost the job");
        Assert.False(second.Lost.IsCancellationRequested);
    }

    /// <summary>The backend holding the job's advisory lock (a bigint key: high half in classid, low half in objid).</summary>
    private static async Task<int?> HolderAsync(NpgsqlDataSource dataSource, string job)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(@id, 0)
            """);
        command.Parameters.AddWithValue("id", job);
        return await command.ExecuteScalarAsync() is int pid ? pid : null;
    }

    private static async Task TerminateAsync(NpgsqlDataSource dataSource, int pid)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_terminate_backend(@pid)");
        command.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }
}
