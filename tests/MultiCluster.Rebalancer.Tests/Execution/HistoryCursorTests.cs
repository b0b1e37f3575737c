using MultiCluster.Rebalancer.Execution;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.Execution;

public sealed class HistoryCursorTests
{
    [Fact]
    public void A_token_gives_back_the_position_it_was_made_at_under_the_same_filters()
    {
        var at = new DateTimeOffset(2026, 12, 3, 1, 2, 3, TimeSpan.Zero).AddTicks(7);

        var token = HistoryCursor.Encode(at, "run-1", "f");

        Assert.Equal((at, "run-1"), HistoryCursor.Decode(token, "f"));
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("")]
    [InlineData("bm9wZQ")]
    public void A_token_this_history_did_not_make_is_refused_naming_the_field(string token)
    {
        var refused = Assert.Throws<RebalancerException>(() => HistoryCursor.Decode(token, "f"));

        Assert.Equal(FailureKind.InvalidArgument, refused.Kind);
        Assert.StartsWith("pagination.page_token: not a token", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_used_with_other_filters_is_refused()
    {
        var token = HistoryCursor.Encode(DateTimeOffset.UnixEpoch, "run-1", "f");

        var refused = Assert.Throws<RebalancerException>(() => HistoryCursor.Decode(token, "g"));

        Assert.StartsWith("pagination.page_token: it was made for other filters", refused.Message, StringComparison.Ordinal);
    }
}
