using MultiCluster.Discovery.Domains;
using Xunit;

namespace MultiCluster.Discovery.Tests.Domains;

public sealed class UsageSummaryTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_domain_no_report_named_has_no_rate_while_a_reported_idle_one_has_zero()
    {
        var samples = new[] { new DomainLoadSample("d0002", From, Minute, 0) };

        var usage = UsageSummary.Summarize(samples, From, From + (2 * Minute), ["d0002", "d0001"]);

        Assert.Equal(["d0001", "d0002"], usage.Select(u => u.DomainId));
        Assert.False(usage[0].HasQueryRatePerSecond);
        Assert.False(usage[0].HasRateChange);
        Assert.Null(usage[0].LastReportedAt);
        Assert.True(usage[1].HasQueryRatePerSecond);
        Assert.Equal(0, usage[1].QueryRatePerSecond);
        // The second half of the window has no report: no change can be measured.
        Assert.False(usage[1].HasRateChange);
    }

    [Fact]
    public void Rate_is_queries_over_covered_seconds_and_change_compares_the_halves()
    {
        var samples = new[]
        {
            new DomainLoadSample("d0001", From, Minute, 120),
            new DomainLoadSample("d0001", From + Minute, Minute, 180),
            // The same minute reported by a second cluster holding a replica: queries add, seconds do not.
            new DomainLoadSample("d0001", From + Minute, Minute, 60),
            // Outside the window.
            new DomainLoadSample("d0001", From - Minute, Minute, 1000),
        };

        var usage = Assert.Single(UsageSummary.Summarize(samples, From, From + (2 * Minute), ["d0001"]));

        Assert.Equal(3, usage.QueryRatePerSecond, 9);
        Assert.Equal(360UL, usage.QueryCount);
        Assert.Equal(1, usage.RateChange, 9);
        Assert.Equal(From + (2 * Minute), usage.LastReportedAt.ToDateTimeOffset());
    }

    [Fact]
    public void A_report_straddling_the_window_counts_in_proportion()
    {
        var samples = new[] { new DomainLoadSample("d0001", From - TimeSpan.FromSeconds(30), Minute, 600) };

        var usage = UsageSummary.Summarize(samples, From, From + Minute, ["d0001"]).Single();

        Assert.Equal(300UL, usage.QueryCount);
        Assert.Equal(10, usage.QueryRatePerSecond, 9);
    }
}
