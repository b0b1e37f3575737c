using MultiCluster.Specialization.Tests.EndToEnd;
using Xunit;

namespace MultiCluster.Specialization.Tests.Routing;

/// <summary>RoutingTableStore.NewerAsync against the fixture's real database: versions are counted per library.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class NewerVersionsTests(SpecializationFixture fixture) : RoutedTests(fixture)
{
    [Fact]
    public async Task EachLibraryIsReadFromItsOwnLastSeenVersion()
    {
        for (var i = 0; i < 3; i++)
        {
            await Routing.PlaceAsync("newer-ahead", $"d{i}", "local-a");
        }

        await Routing.PlaceAsync("newer-behind", "d1", "local-a");
        await Routing.PlaceAsync("newer-behind", "d2", "local-a");
        var seen = new Dictionary<string, ulong>(StringComparer.Ordinal) { ["newer-ahead"] = 3, ["newer-behind"] = 1 };

        var newer = await Routing.Store.NewerAsync("", 0, seen, CancellationToken.None);

        Assert.DoesNotContain(newer, t => t.Library == "newer-ahead");
        Assert.Equal([2UL], newer.Where(t => t.Library == "newer-behind").Select(t => t.Version));
        Assert.Equal([2UL], (await Routing.Store.NewerAsync("newer-behind", 1, new Dictionary<string, ulong>(), CancellationToken.None)).Select(t => t.Version));
    }
}
