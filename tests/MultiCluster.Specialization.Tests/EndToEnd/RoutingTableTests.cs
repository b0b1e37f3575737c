using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tests.Replicas;
using MultiCluster.Specialization.Tests.Routing;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>GetRoutingTable and WatchRoutingTable on the real host, over versions the real store writes.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class RoutingTableTests(SpecializationFixture fixture) : RoutedTests(fixture)
{
    [Fact]
    public async Task GetRoutingTable_AnswersTheCurrentVersionByDefault_AndAnyEarlierOneAsked()
    {
        const string Library = "route-get";
        await Routing.PlaceAsync(Library, "d1", "local-a");
        var second = await Routing.PlaceAsync(Library, "d2", "local-b", "local-c");

        var current = await Fixture.Client.GetRoutingTableAsync(new GetRoutingTableRequest { Library = Library }).ResponseAsync.Within();
        var first = await Fixture.Client.GetRoutingTableAsync(new GetRoutingTableRequest { Library = Library, Version = second.Version - 1 }).ResponseAsync.Within();

        Assert.Equal(second, current.Table);
        Assert.Equal(["d1", "d2"], current.Table.Entries.Select(e => e.DomainId));
        Assert.Equal(["local-b", "local-c"], current.Table.Entries[1].ReadClusters.Select(c => c.Name));
        Assert.Equal(["d1"], first.Table.Entries.Select(e => e.DomainId));
    }

    [Theory]
    [InlineData("", 0UL, StatusCode.InvalidArgument, "library")]
    [InlineData("Route Get", 0UL, StatusCode.InvalidArgument, "library")]
    [InlineData("route-never-placed", 0UL, StatusCode.NotFound, "library")]
    [InlineData("route-versions", 99UL, StatusCode.NotFound, "version")]
    public async Task GetRoutingTable_RefusesBadOrUnknownNamesAndVersions_NamingTheField(string library, ulong version, StatusCode expected, string field)
    {
        await Routing.PlaceAsync("route-versions", "d1", "local-a");

        await Refusal.AssertAsync(() => Fixture.Client.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library, Version = version }).ResponseAsync, expected, field);
    }

    [Fact]
    public async Task WatchRoutingTable_SendsTheCurrentTableThenEveryNewVersion()
    {
        const string Library = "route-watch";
        var placed = await Routing.PlaceAsync(Library, "d1", "local-a");
        using var watch = Fixture.Client.WatchRoutingTable(new WatchRoutingTableRequest { Library = Library });

        var first = await NextAsync(watch);
        var second = await Routing.PlaceAsync(Library, "d2", "local-b");
        var third = await Routing.PlaceAsync(Library, "d3", "local-c");

        Assert.Equal(placed, first);
        Assert.Equal(second, await NextAsync(watch));
        Assert.Equal(third, await NextAsync(watch));
    }

    [Fact]
    public async Task WatchRoutingTable_AfterAVersion_SendsOnlyTheNewerOnesInOrder()
    {
        const string Library = "route-after";
        var first = await Routing.PlaceAsync(Library, "d1", "local-a");
        var second = await Routing.PlaceAsync(Library, "d2", "local-a");
        var third = await Routing.PlaceAsync(Library, "d3", "local-a");

        using var watch = Fixture.Client.WatchRoutingTable(new WatchRoutingTableRequest { Library = Library, AfterVersion = first.Version });

        Assert.Equal(second, await NextAsync(watch));
        Assert.Equal(third, await NextAsync(watch));
    }

    [Fact]
    public async Task WatchingEveryLibrary_SendsEachLibrarysNewVersions_WhateverTheOtherLibrariesVersions()
    {
        // A library far ahead in versions must not hide the new versions of one behind it.
        for (var i = 0; i < 4; i++)
        {
            await Routing.PlaceAsync("route-all-ahead", $"d{i}", "local-a");
        }

        await Routing.PlaceAsync("route-all-behind", "d1", "local-a");
        using var watch = Fixture.Client.WatchRoutingTable(new WatchRoutingTableRequest());
        var seen = new List<RoutingTable>();
        await NextUntilAsync(watch, seen, t => t.Library == "route-all-behind");

        var next = await Routing.PlaceAsync("route-all-behind", "d2", "local-b");

        await NextUntilAsync(watch, seen, t => t.Library == "route-all-behind" && t.Version == next.Version);
        Assert.Contains(seen, t => t.Library == "route-all-ahead");
        Assert.Equal(seen.Count, seen.DistinctBy(t => (t.Library, t.Version)).Count());
    }

    [Fact]
    public async Task AWatch_EndsCleanlyBeforeTheCallsDeadline()
    {
        await Routing.PlaceAsync("route-deadline", "d1", "local-a");
        using var watch = Fixture.Client.WatchRoutingTable(new WatchRoutingTableRequest { Library = "route-deadline" }, deadline: DateTime.UtcNow.AddSeconds(2));

        var received = 0;
        while (await watch.ResponseStream.MoveNext(CancellationToken.None).Within())
        {
            received++;
        }

        Assert.Equal(1, received);
        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(3UL)]
    public async Task AWatchOfALibraryWithoutRoutingTable_IsNotFound_NamingTheLibrary(ulong afterVersion)
    {
        using var watch = Fixture.Client.WatchRoutingTable(new WatchRoutingTableRequest { Library = "route-never-watched", AfterVersion = afterVersion });

        await Refusal.AssertAsync(() => watch.ResponseStream.MoveNext(CancellationToken.None), StatusCode.NotFound, "library");
        Assert.Contains("'route-never-watched' has no routing table", watch.GetStatus().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWatchOfABadLibraryName_IsRefusedNamingTheField()
    {
        using var watch = Fixture.Client.WatchRoutingTable(new WatchRoutingTableRequest { Library = "Not A Library" });

        await Refusal.AssertAsync(() => watch.ResponseStream.MoveNext(CancellationToken.None), StatusCode.InvalidArgument, "library");
    }

    private static async Task<RoutingTable> NextAsync(AsyncServerStreamingCall<WatchRoutingTableResponse> watch)
    {
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).Within(), "the watch ended early");
        return watch.ResponseStream.Current.Table;
    }

    private static async Task NextUntilAsync(AsyncServerStreamingCall<WatchRoutingTableResponse> watch, List<RoutingTable> seen, Func<RoutingTable, bool> done)
    {
        while (true)
        {
            var table = await NextAsync(watch);
            seen.Add(table);
            if (done(table))
            {
                return;
            }
        }
    }
}
