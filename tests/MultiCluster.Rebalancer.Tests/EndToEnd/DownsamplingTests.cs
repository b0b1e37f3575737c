using MultiCluster.Rebalancer.Storage;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Retention and downsampling on the host's own database (its tables, made by its migrations).</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class DownsamplingTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task OldRawSamples_BecomeOneRollupPerMinute_SummedOverReporters_AndExpiredRowsGo()
    {
        await fixture.ResetAsync();
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(-2);
        const string Insert = "INSERT INTO load_samples (cluster, reporter, window_end, request_rate, latency_p99, error_rate, requests) VALUES (@c, @r, @t, @rate, @p99, 0, 10)";
        // Reporter r1 twice in the minute (rates 10 and 20: mean 15), r2 once (5): the cluster's minute is 15 + 5 = 20.
        await fixture.ExecuteAsync(Insert, ("c", "local-z"), ("r", "r1"), ("t", minute.AddSeconds(10)), ("rate", 10.0), ("p99", 7.0));
        await fixture.ExecuteAsync(Insert, ("c", "local-z"), ("r", "r1"), ("t", minute.AddSeconds(20)), ("rate", 20.0), ("p99", 9.0));
        await fixture.ExecuteAsync(Insert, ("c", "local-z"), ("r", "r2"), ("t", minute.AddSeconds(30)), ("rate", 5.0), ("p99", 3.0));
        await fixture.ExecuteAsync(Insert, ("c", "local-z"), ("r", "r1"), ("t", now.AddMinutes(-1)), ("rate", 1.0), ("p99", 1.0));
        await fixture.ExecuteAsync("INSERT INTO load_rollups VALUES ('local-z', @t, 1, 1, 0, 1)", ("t", now.AddDays(-31)));
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);

        await new Downsampler(dataSource, new RebalancerOptions()).RunAsync(now, CancellationToken.None).Within();

        Assert.Equal(20.0, await fixture.ScalarAsync<double>("SELECT request_rate FROM load_rollups WHERE cluster = 'local-z' AND bucket_start = @t", ("t", minute)));
        Assert.Equal(9.0, await fixture.ScalarAsync<double>("SELECT latency_p99 FROM load_rollups WHERE cluster = 'local-z' AND bucket_start = @t", ("t", minute)));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM load_rollups WHERE cluster = 'local-z'"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM load_samples WHERE cluster = 'local-z'"));
    }

    [Fact]
    public async Task ADomainNamedInOneOfAReportersWindows_ReadsIdleInTheOthers_RawAndRolledUp()
    {
        await fixture.ResetAsync();
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(-2);
        // r1 reported two windows in the minute, naming lib/d (8 q/s) in the first only: the minute's rate of lib/d is 4.
        foreach (var at in new[] { minute.AddSeconds(10), minute.AddSeconds(20) })
        {
            await fixture.ExecuteAsync(
                "INSERT INTO load_samples (cluster, reporter, window_end, request_rate, latency_p99, error_rate, requests) VALUES ('local-z', 'r1', @t, 8, 1, 0, 1)", ("t", at));
        }

        await fixture.ExecuteAsync(
            "INSERT INTO domain_load_samples (cluster, reporter, window_end, library, domain_id, query_rate, queries) VALUES ('local-z', 'r1', @t, 'lib', 'd', 8, 40)", ("t", minute.AddSeconds(10)));
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        var store = new LoadStore(dataSource);

        var raw = await store.DomainRateSeriesAsync(minute, minute.AddMinutes(1), TimeSpan.FromMinutes(1), CancellationToken.None).Within();
        await new Downsampler(dataSource, new RebalancerOptions()).RunAsync(now, CancellationToken.None).Within();
        var rolled = await store.DomainRateSeriesAsync(minute, minute.AddMinutes(1), TimeSpan.FromMinutes(1), CancellationToken.None).Within();

        Assert.Equal(4.0, Assert.Single(raw).Rate);
        Assert.Equal(4.0, await fixture.ScalarAsync<double>("SELECT query_rate FROM domain_load_rollups WHERE library = 'lib' AND domain_id = 'd'"));
        Assert.Equal(4.0, Assert.Single(rolled).Rate);
    }
}
