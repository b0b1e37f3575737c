using MultiCluster.Discovery.History;
using MultiCluster.Discovery.Scheduling;
using Xunit;

namespace MultiCluster.Discovery.Tests.Service;

public sealed class SchedulingAndPagingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, null, null, 100, true)]
    [InlineData(5, 10, 100L, 150, true)]
    [InlineData(5, 10, 150L, 150, false)]
    [InlineData(5, 3, 100L, 150, false)]
    [InlineData(0, null, null, 100, false)]
    [InlineData(5, null, null, 0, false)]
    public void ReanalysisIsDue_OnlyAfterTheInterval_AndWhenTheLibraryChangedSinceItsLastMap(
        int intervalMinutes, int? startedMinutesAgo, long? lastMapPoints, long currentPoints, bool due)
    {
        var lastStarted = startedMinutesAgo is { } ago ? Now.AddMinutes(-ago) : (DateTimeOffset?)null;

        Assert.Equal(due, ReanalysisPolicy.IsDue(TimeSpan.FromMinutes(intervalMinutes), lastStarted, lastMapPoints, currentPoints, Now));
    }

    [Fact]
    public void PageToken_RoundTrips_AndIsRefusedUnderOtherFilters()
    {
        var hash = HistoryPageToken.FilterHash("fashion", "", "", "4");
        var token = HistoryPageToken.Encode(Now, "0b0e7c4e-9a7c-4a43-a1f6-8f0f2b1d6c11", hash);

        var (startedAt, operationId) = HistoryPageToken.Decode(token, hash);

        Assert.Equal(Now, startedAt);
        Assert.Equal("0b0e7c4e-9a7c-4a43-a1f6-8f0f2b1d6c11", operationId);
        var other = Assert.Throws<DiscoveryRequestException>(() => HistoryPageToken.Decode(token, HistoryPageToken.FilterHash("other", "", "", "4")));
        Assert.StartsWith("pagination.page_token:", other.Message, StringComparison.Ordinal);
        Assert.Throws<DiscoveryRequestException>(() => HistoryPageToken.Decode("not a token!", hash));
    }

    [Theory]
    [InlineData("5m", 300)]
    [InlineData("30s", 30)]
    [InlineData("1h", 3600)]
    [InlineData("250ms", 0.25)]
    [InlineData("00:02:00", 120)]
    [InlineData("0", 0)]
    public void Intervals_ReadInTheSeedsFormOrTimeSpans(string text, double seconds)
    {
        Assert.True(MultiCluster.ServiceDefaults.Configuration.Intervals.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }
}
