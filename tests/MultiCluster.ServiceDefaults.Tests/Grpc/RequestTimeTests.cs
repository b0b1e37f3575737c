using Google.Protobuf.WellKnownTypes;
using MultiCluster.ServiceDefaults.Grpc;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Grpc;

/// <summary>Times read from callers and other services' events: a malformed one is named, never thrown.</summary>
public sealed class RequestTimeTests
{
    [Theory]
    [InlineData(5L, -1)]
    [InlineData(-5L, 1)]
    [InlineData(0L, 1_000_000_000)]
    [InlineData(315_576_000_001L, 0)]
    public void AnUnnormalisedOrOutOfRangeDuration_IsAProblemNamingThePath(long seconds, int nanos)
    {
        var read = RequestTime.ReadDuration(new Duration { Seconds = seconds, Nanos = nanos }, "window", out var problem);

        Assert.Null(read);
        Assert.StartsWith("window: not a valid duration", problem);
    }

    [Fact]
    public void AValidDuration_IsItsTimeSpan_AndUnsetIsNull()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(-1500), RequestTime.ReadDuration(new Duration { Seconds = -1, Nanos = -500_000_000 }, "d", out var problem));
        Assert.Null(problem);
        Assert.Null(RequestTime.ReadDuration(null, "d", out problem));
        Assert.Null(problem);
    }

    [Fact]
    public void WindowEnd_IsStartPlusWindow_OrNullForAnythingUnreadable()
    {
        var start = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var fiveSeconds = Duration.FromTimeSpan(TimeSpan.FromSeconds(5));

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 5, TimeSpan.Zero), RequestTime.WindowEnd(start, fiveSeconds));
        Assert.Null(RequestTime.WindowEnd(new Timestamp { Seconds = 1, Nanos = -1 }, fiveSeconds));
        Assert.Null(RequestTime.WindowEnd(start, new Duration { Seconds = 5, Nanos = -1 }));
        Assert.Null(RequestTime.WindowEnd(start, Duration.FromTimeSpan(TimeSpan.FromSeconds(-5))));
        Assert.Null(RequestTime.WindowEnd(Timestamp.FromDateTimeOffset(DateTimeOffset.MaxValue.AddSeconds(-1)), fiveSeconds));
        Assert.Null(RequestTime.WindowEnd(null, fiveSeconds));
    }
}
