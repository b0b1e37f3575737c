using Google.Protobuf;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tests.Replicas;
using MultiCluster.Specialization.Tests.Routing;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>ValidateSpecialization on the real host: what the clusters hold against the routing table, placements and latest map.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class ValidateSpecializationTests(SpecializationFixture fixture) : RoutedTests(fixture)
{
    [Fact]
    public async Task CopiesThatAgree_AreValid_WithEqualChecksumsWhenDeep()
    {
        const string Library = "valid-ok";
        var collection = LibraryName.Collection(Library, "d1");
        var points = TestPoints.Ids(1, 120).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Fixture.Cluster("local-a"), collection, points);
        await TestPoints.CreateAsync(Fixture.Cluster("local-b"), collection, points);
        await Routing.PlaceAsync(Library, "d1", "local-a", "local-b");

        var shallow = await Fixture.Client.ValidateSpecializationAsync(new ValidateSpecializationRequest { Library = Library }).ResponseAsync.Within();
        var deep = await Fixture.Client.ValidateSpecializationAsync(new ValidateSpecializationRequest { Library = Library, Deep = true }).ResponseAsync.Within();

        Assert.True(deep.Valid, string.Join("; ", deep.Issues.Select(i => i.Message)));
        Assert.Empty(deep.Issues);
        Assert.Equal(["local-a", "local-b"], deep.Checks.Select(c => c.Cluster.Name));
        Assert.All(deep.Checks, c => Assert.Equal((true, true, 120UL, 120UL), (c.Exists, c.SettingsMatch, c.ExpectedPoints, c.ActualPoints)));
        Assert.Equal(32, deep.Checks[0].Checksum.Length);
        Assert.Equal(deep.Checks[0].Checksum, deep.Checks[1].Checksum);
        Assert.All(shallow.Checks, c => Assert.Empty(c.Checksum));
    }

    [Fact]
    public async Task MissingCopiesMismatchesOrphansAndGaps_AreReportedMostSevereFirst()
    {
        const string Library = "valid-broken";
        var d1 = LibraryName.Collection(Library, "d1");
        var d2 = LibraryName.Collection(Library, "d2");
        var points = TestPoints.Ids(1, 60).Select(id => TestPoints.Make(id)).ToList();
        await TestPoints.CreateAsync(Fixture.Cluster("local-a"), d1, points);
        await TestPoints.CreateAsync(Fixture.Cluster("local-b"), d1, points.Skip(5));
        await TestPoints.CreateAsync(Fixture.Cluster("local-b"), d2, points);
        await Fixture.Cluster("local-c").DropCollectionAsync(d2).Within();
        await TestPoints.CreateAsync(Fixture.Cluster("local-c"), LibraryName.Collection(Library, "old"), []);
        await Routing.PlaceAsync(Library, "d1", "local-a", "local-b");
        await Routing.PlaceAsync(Library, "d2", "local-b", "local-c");
        await StoreAsync("INSERT INTO placements (library, domain_id, map_version, placement) VALUES (@library, 'd1', 1, @row)",
            Library, new MultiCluster.Contracts.V1.Placement { Library = Library, DomainId = "d1", Settings = new CollectionSettings { HnswM = 48 } });
        var map = new DomainMap { Library = Library, Version = 1 };
        map.Domains.Add([new Domain { DomainId = "d1" }, new Domain { DomainId = "d2" }, new Domain { DomainId = "d3" }]);
        await StoreAsync("INSERT INTO domain_maps (library, version, map) VALUES (@library, 1, @row)", Library, map);

        var response = await Fixture.Client.ValidateSpecializationAsync(new ValidateSpecializationRequest { Library = Library }).ResponseAsync.Within();

        Assert.False(response.Valid);
        Assert.Equal(["COLLECTION_MISSING", "COUNT_MISMATCH", "ORPHAN_COLLECTION", "ROUTING_GAP", "SETTINGS_MISMATCH", "SETTINGS_MISMATCH"],
            response.Issues.Select(i => i.Code).Order(StringComparer.Ordinal));
        Assert.Equal([IssueSeverity.Error, IssueSeverity.Error], response.Issues.Take(2).Select(i => i.Severity));
        Assert.True(response.Issues.Select(i => (int)i.Severity).SequenceEqual(response.Issues.Select(i => (int)i.Severity).OrderDescending()));
        Assert.Equal("d3", Assert.Single(response.Issues, i => i.Code == "ROUTING_GAP").Subject);
        var replica = Assert.Single(response.Checks, c => c.DomainId == "d1" && c.Cluster.Name == "local-b");
        Assert.Equal((60UL, 55UL, false), (replica.ExpectedPoints, replica.ActualPoints, replica.SettingsMatch));
        Assert.False(Assert.Single(response.Checks, c => c.DomainId == "d2" && c.Cluster.Name == "local-c").Exists);
    }

    [Fact]
    public async Task WhileADomainMoves_ACountMismatchIsOnlyAWarning()
    {
        const string Library = "valid-moving";
        var collection = LibraryName.Collection(Library, "d1");
        await TestPoints.CreateAsync(Fixture.Cluster("local-a"), collection, TestPoints.Ids(1, 40).Select(id => TestPoints.Make(id)));
        await TestPoints.CreateAsync(Fixture.Cluster("local-c"), collection, TestPoints.Ids(1, 10).Select(id => TestPoints.Make(id)));
        await Routing.PutAsync(Library, RouteEntries.BeginMove(RouteEntries.Placed(Library, "d1", "local-a", []), "local-c"));

        var response = await Fixture.Client.ValidateSpecializationAsync(new ValidateSpecializationRequest { Library = Library }).ResponseAsync.Within();

        Assert.True(response.Valid);
        var issue = Assert.Single(response.Issues);
        Assert.Equal((IssueSeverity.Warning, "COUNT_MISMATCH"), (issue.Severity, issue.Code));
    }

    [Theory]
    [InlineData("", StatusCode.InvalidArgument)]
    [InlineData("Valid Broken", StatusCode.InvalidArgument)]
    [InlineData("valid-never-heard-of", StatusCode.NotFound)]
    public async Task ABadOrUnknownLibrary_IsRefusedNamingTheField(string library, StatusCode expected)
    {
        await Refusal.AssertAsync(() => Fixture.Client.ValidateSpecializationAsync(new ValidateSpecializationRequest { Library = library }).ResponseAsync, expected, "library");
    }

    private async Task StoreAsync(string sql, string library, IMessage row)
    {
        await using var command = Routing.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("row", row.ToByteArray());
        await command.ExecuteNonQueryAsync().Within();
    }
}
