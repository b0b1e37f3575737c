using MultiCluster.Specialization.Tests.EndToEnd;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.Routing;

/// <summary>
/// RoutingTableStore.ChangeAsync against the fixture's real database when changes of one library race (two moves
/// switching at once, a placement while a move ends): each edit applies to the table the previous one committed.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class ConcurrentChangesTests(SpecializationFixture fixture) : RoutedTests(fixture)
{
    private const int Changes = 24;

    [Fact]
    public async Task ChangesMadeAtTheSameTimeEachBuildOnTheVersionBefore()
    {
        const string library = "racing-changes";
        await Routing.PlaceAsync(library, "d00", "local-a");

        await Task.WhenAll(Enumerable.Range(1, Changes).Select(i => Task.Run(() => Routing.PlaceAsync(library, $"d{i:00}", i % 2 == 0 ? "local-a" : "local-b"))));

        var current = await Routing.Store.GetAsync(library, 0, CancellationToken.None).Within();
        Assert.NotNull(current);
        Assert.Equal((ulong)Changes + 1, current.Version);
        Assert.Equal(Enumerable.Range(0, Changes + 1).Select(i => $"d{i:00}"), current.Entries.Select(e => e.DomainId).Order(StringComparer.Ordinal));
        for (var version = 1UL; version <= current.Version; version++)
        {
            var table = await Routing.Store.GetAsync(library, version, CancellationToken.None).Within();
            Assert.Equal((int)version, table!.Entries.Count);
        }
    }
}
