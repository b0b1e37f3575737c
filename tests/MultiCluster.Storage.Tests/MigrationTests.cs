using MultiCluster.Storage.Schema;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Concurrent_starters_apply_each_migration_exactly_once()
    {
        await using var database = await Database.CreateAsync();
        var migrators = Enumerable.Range(0, 8).Select(_ => database.Migrator(MigrationSource.Storage, TestModules.Counting)).ToList();

        var applied = await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync(CancellationToken.None)))).Within();

        Assert.Equal(3, applied.Sum(a => a.Count));
        Assert.Single(applied, a => a.Count == 3);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM applications"));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Starting_again_applies_nothing()
    {
        await using var database = await Database.CreateAsync();
        await database.Migrator(MigrationSource.Storage, TestModules.Counting).MigrateAsync(CancellationToken.None).Within();

        var second = await database.Migrator(MigrationSource.Storage, TestModules.Counting).MigrateAsync(CancellationToken.None).Within();

        Assert.Empty(second);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM applications"));
    }

    [Fact]
    public async Task Modules_are_versioned_separately_and_applied_in_order()
    {
        await using var database = await Database.CreateAsync();

        var applied = await database.Migrator(MigrationSource.Storage, TestModules.Counting).MigrateAsync(CancellationToken.None).Within();

        Assert.Equal(["storage/0001_outbox.sql", "counting/0001_create_applications.sql", "counting/0002_record_application.sql"], applied.Select(m => m.ToString()));
        Assert.True(await database.TableExistsAsync("outbox"));
    }

    [Fact]
    public async Task Failed_migration_rolls_back_whole_and_names_its_file()
    {
        await using var database = await Database.CreateAsync();

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => database.Migrator(TestModules.Broken).MigrateAsync(CancellationToken.None)).Within();

        Assert.Contains("broken/0002_fails_halfway.sql", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", failure.Message, StringComparison.Ordinal);
        Assert.True(await database.TableExistsAsync("kept"));
        Assert.False(await database.TableExistsAsync("half_done"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM schema_version WHERE module = 'broken'"));
    }

    [Fact]
    public async Task Lock_is_released_after_a_failure_so_the_next_start_can_migrate()
    {
        await using var database = await Database.CreateAsync();
        await Assert.ThrowsAsync<MigrationFailedException>(() => database.Migrator(TestModules.Broken).MigrateAsync(CancellationToken.None)).Within();

        var applied = await database.Migrator(TestModules.Counting).MigrateAsync(CancellationToken.None).Within();

        Assert.Equal(2, applied.Count);
    }

    [Fact]
    public async Task Applied_migration_whose_file_changed_is_refused()
    {
        await using var database = await Database.CreateAsync();
        await database.Migrator(TestModules.Counting).MigrateAsync(CancellationToken.None).Within();
        await database.ScalarAsync<int>("UPDATE schema_version SET checksum = 'edited' WHERE version = 2 RETURNING 1");

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => database.Migrator(TestModules.Counting).MigrateAsync(CancellationToken.None)).Within();

        Assert.Contains("counting/0002_record_application.sql was changed after it was applied", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misnamed_migration_file_is_refused_with_the_expected_form()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestModules.Misnamed.Load());

        Assert.Contains("create_things.sql", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NNNN_description.sql", failure.Message, StringComparison.Ordinal);
    }
}
