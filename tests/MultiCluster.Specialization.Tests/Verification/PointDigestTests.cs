using System.Text.Json.Nodes;
using MultiCluster.Clusters;
using MultiCluster.Specialization.Verification;
using Xunit;

namespace MultiCluster.Specialization.Tests.Verification;

public sealed class PointDigestTests
{
    private static readonly PointRecord[] Points =
    [
        new("1", [0.1f, 0.2f], new JsonObject { ["label"] = "shirt", ["size"] = 3 }),
        new("2", [0.3f, 0.4f], null),
        new("8a4c6c53-0f11-4d8e-9d43-7d3c0c1b2e5f", [0.5f, 0.6f], new JsonObject { ["tags"] = new JsonArray("a", "b") }),
    ];

    [Fact]
    public void TheSamePointsInAnotherOrder_GiveTheSameDigest()
    {
        Assert.Equal(Digest(Points), Digest(Points.Reverse()));
    }

    [Fact]
    public void PayloadKeyOrderAndNumberForm_DoNotChangeTheDigest()
    {
        var written = new PointRecord("1", [0.1f, 0.2f], new JsonObject { ["label"] = "shirt", ["size"] = 3 });
        var readBack = new PointRecord("1", [0.1f, 0.2f], JsonNode.Parse("""{"size": 3.0, "label": "shirt"}""")!.AsObject());

        Assert.Equal(Digest([written]), Digest([readBack]));
    }

    [Fact]
    public void AChangedVectorPayloadOrId_ChangesTheDigest()
    {
        var original = Digest(Points);

        Assert.NotEqual(original, Digest([Points[0] with { Vector = [0.1f, 0.2000001f] }, Points[1], Points[2]]));
        Assert.NotEqual(original, Digest([Points[0] with { Payload = new JsonObject { ["label"] = "shirt", ["size"] = 4 } }, Points[1], Points[2]]));
        Assert.NotEqual(original, Digest([Points[0] with { Id = "7" }, Points[1], Points[2]]));
    }

    [Fact]
    public void APointPresentTwice_DoesNotCancelOut()
    {
        Assert.NotEqual(Digest([Points[1]]), Digest([Points[1], Points[0], Points[0]]));
    }

    [Fact]
    public void DigestsOfDisjointParts_CombineIntoTheDigestOfTheWhole()
    {
        var whole = new PointDigest();
        whole.Add(Build(Points[..1]));
        whole.Add(Build(Points[1..]));

        Assert.Equal(Digest(Points), whole.Hex);
        Assert.Equal(3, whole.Count);
    }

    private static string Digest(IEnumerable<PointRecord> points) => Build(points).Hex;

    private static PointDigest Build(IEnumerable<PointRecord> points)
    {
        var digest = new PointDigest();
        digest.AddRange(points);
        return digest;
    }
}
