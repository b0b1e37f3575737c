using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Planning;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Planning;

/// <summary>When the constraints let moves start, and what they refuse.</summary>
public sealed class PlanConstraintsTests
{
    private static readonly string[] Clusters = ["a", "b"];

    private static readonly DateTimeOffset Day = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private static PlanConstraints Daily(int startHour, int endHour) => PlanConstraints.Read(
        new RebalancingConstraints { DailyWindow = new DailyWindow { Start = Duration.FromTimeSpan(TimeSpan.FromHours(startHour)), End = Duration.FromTimeSpan(TimeSpan.FromHours(endHour)) } },
        "constraints", Clusters);

    [Fact]
    public void A_daily_window_opens_at_its_start_and_closes_at_its_end()
    {
        var night = Daily(1, 5);

        Assert.NotNull(night.Closed(Day.AddMinutes(59)));
        Assert.Null(night.Closed(Day.AddHours(1)));
        Assert.Null(night.Closed(Day.AddHours(4.99)));
        Assert.Equal("the daily window 01:00-05:00 UTC is closed at 05:00", night.Closed(Day.AddHours(5)));
    }

    [Fact]
    public void A_daily_window_may_span_midnight()
    {
        var late = Daily(22, 2);

        Assert.Null(late.Closed(Day.AddHours(23)));
        Assert.Null(late.Closed(Day.AddHours(1)));
        Assert.NotNull(late.Closed(Day.AddHours(12)));
    }

    [Fact]
    public void An_allowed_range_bounds_the_start_on_both_sides()
    {
        var range = PlanConstraints.Read(
            new RebalancingConstraints { AllowedWindow = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(Day.AddHours(1)), EndTime = Timestamp.FromDateTimeOffset(Day.AddHours(2)) } },
            "constraints", Clusters);

        Assert.StartsWith("the allowed window opens at", range.Closed(Day), StringComparison.Ordinal);
        Assert.Null(range.Closed(Day.AddHours(1.5)));
        Assert.StartsWith("the allowed window closed at", range.Closed(Day.AddHours(2)), StringComparison.Ordinal);
        Assert.Null(PlanConstraints.None.Closed(Day));
    }

    [Fact]
    public void Unknown_clusters_and_empty_windows_are_refused_naming_the_field()
    {
        var unknown = Assert.Throws<RebalancerException>(() => PlanConstraints.Read(new RebalancingConstraints { ForbiddenClusters = { "a", "z" } }, "settings.constraints", Clusters));
        var empty = Assert.Throws<RebalancerException>(() => Daily(3, 3));

        Assert.StartsWith("settings.constraints.forbidden_clusters[1]: 'z' is not a configured cluster; use one of a, b.", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.InvalidArgument, unknown.Kind);
        Assert.StartsWith("constraints.daily_window.end: equal to start", empty.Message, StringComparison.Ordinal);
    }
}
