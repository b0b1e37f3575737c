using Xunit;

namespace MultiCluster.Clusters.Tests.Qdrant;

public class PointIdTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("42", "42")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("550E8400-E29B-41D4-A716-446655440000", "550e8400-e29b-41d4-a716-446655440000")]
    public void WellFormedIds_CanonicalizeToDecimalOrLowercaseUuid(string id, string canonical)
    {
        Assert.True(PointId.TryCanonicalize(id, out var result));
        Assert.Equal(canonical, result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("007")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("18446744073709551616")]
    [InlineData("550e8400e29b41d4a716446655440000")]
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}")]
    [InlineData("abc")]
    public void OtherStrings_AreNotIds(string id)
    {
        Assert.False(PointId.TryCanonicalize(id, out _));
    }
}
