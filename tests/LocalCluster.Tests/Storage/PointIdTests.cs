using MultiCluster.LocalCluster.Storage;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Storage;

public sealed class PointIdTests
{
    [Fact]
    public void Integers_SortBeforeUuids_AndUuidsSortByTheirBytes()
    {
        string[] texts = ["ffffffff-0000-0000-0000-000000000000", "18446744073709551615", "00000000-0000-0000-0000-000000000001", "2", "10"];
        var ids = texts.Select(text => PointId.TryParse(text, out var id) ? id!.Value : throw new FormatException(text))
            .Order()
            .Select(id => id.ToString());

        Assert.Equal(["2", "10", "18446744073709551615", "00000000-0000-0000-0000-000000000001", "ffffffff-0000-0000-0000-000000000000"], ids);
    }

    [Theory]
    [InlineData("5C56C793-69F3-4FBF-87E6-C4BF54C28C26", "5c56c793-69f3-4fbf-87e6-c4bf54c28c26")]
    [InlineData("5c56c79369f34fbf87e6c4bf54c28c26", "5c56c793-69f3-4fbf-87e6-c4bf54c28c26")]
    [InlineData("42", "42")]
    public void TextForms_RoundTripToQdrantsCanonicalForm(string text, string canonical)
    {
        Assert.True(PointId.TryParse(text, out var id));
        Assert.Equal(canonical, id!.Value.ToString());
        Assert.Equal(id, PointId.FromParts(id.Value.IsUuid, id.Value.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("18446744073709551616")]
    [InlineData("not-a-uuid")]
    public void NonIds_AreRejected(string text) => Assert.False(PointId.TryParse(text, out _));
}
