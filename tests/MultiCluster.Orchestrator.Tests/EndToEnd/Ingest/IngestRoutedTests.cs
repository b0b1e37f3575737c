using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;

/// <summary>Writes and reads by id once Discovery has found domains and Specialization has placed them.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class IngestRoutedTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task NewPoints_LandInTheirNearestDomain_OnThatDomainsWriteClusters()
    {
        var library = await RoutedLibrary.CreateAsync(mesh, "ingr-nearest");
        var points = Enumerable.Range(0, 30).Select(i => Point(1_000 + i, RoutedLibrary.Blob(i % 3, i + 50))).ToList();

        var response = await mesh.UpsertAsync(library.Name, points);

        Assert.Equal((30ul, false), (response.UpsertedCount, response.Partial));
        foreach (var (point, assignment) in points.Zip(response.Assignments))
        {
            var expected = CentroidScores.Nearest(library.Map, point.Vector.ToArray())!;
            var entry = library.Entry(expected);
            Assert.Equal(expected, assignment.DomainId);
            Assert.Equal(entry.WriteClusters.Select(c => c.Name).Order(), assignment.Clusters.Select(c => c.Name).Order());
            var stored = await mesh.Cluster(entry.Primary.Name).RetrieveAsync(entry.CollectionName, [point.Id]).Within();
            Assert.Single(stored);
        }

        var got = await mesh.GetAsync(library.Name, points[0].Id);
        Assert.Equal((response.Assignments[0].DomainId, library.Entry(response.Assignments[0].DomainId).Primary.Name), (got.Points.Single().DomainId, got.Points.Single().Cluster.Name));
    }

    [Fact]
    public async Task RewritingAPointOfUnassigned_MovesItToItsDomain_LeavingNoSecondCopy()
    {
        var library = await RoutedLibrary.CreateAsync(mesh, "ingr-stale");
        var unassigned = LibraryName.Collection(library.Name, LibraryName.Unassigned);
        Assert.Single(await mesh.Cluster("local-a").RetrieveAsync(unassigned, ["1"]).Within());

        var response = await mesh.UpsertAsync(library.Name, [Point(1, RoutedLibrary.Blob(0, 0), "again")]);

        Assert.NotEqual(LibraryName.Unassigned, response.Assignments.Single().DomainId);
        Assert.Empty(await mesh.Cluster("local-a").RetrieveAsync(unassigned, ["1"]).Within());
        var got = await mesh.GetAsync(library.Name, "1");
        Assert.Equal((response.Assignments.Single().DomainId, "again"), (got.Points.Single().DomainId, got.Points.Single().Payload.Fields["label"].StringValue));
    }

    [Fact]
    public async Task AMovingDomain_GetsEveryWriteOnBothSourceAndTarget()
    {
        var library = await RoutedLibrary.CreateAsync(mesh, "ingr-moving");
        var domain = library.Domains.First();
        var source = domain.Primary.Name;
        var target = OrchestratorFixture.ClusterNames.First(c => domain.WriteClusters.All(w => w.Name != c));
        var blob = Enumerable.Range(0, 3).First(b => CentroidScores.Nearest(library.Map, RoutedLibrary.Blob(b, 0)) == domain.DomainId);
        var filler = await mesh.UpsertAsync(library.Name, Enumerable.Range(0, 200).Select(i => Point(2_000 + i, RoutedLibrary.Blob(blob, i))));
        Assert.Equal(200ul, filler.UpsertedCount);

        // Slow enough (5 points a second over 200 points) that the move is still running while the test writes.
        var migration = await mesh.SpecializationClient.MigrateToSpecializationAsync(new MigrateToSpecializationRequest
        {
            Move = new DomainMove { Library = library.Name, DomainId = domain.DomainId, Target = new ClusterRef { Name = target } },
            BatchSize = 5,
            MaxPointsPerSecond = 5,
        }).ResponseAsync.Within();
        try
        {
            await library.ServedAsync(mesh, s => s.Domains.Any(d => d.DomainId == domain.DomainId && d.Migrating));

            var response = await mesh.UpsertAsync(library.Name, [Point(9_999, RoutedLibrary.Blob(blob, 999))]);

            var assignment = response.Assignments.Single();
            Assert.Equal(domain.DomainId, assignment.DomainId);
            Assert.Equal(new[] { source, target }.Order(), assignment.Clusters.Select(c => c.Name).Order());
            Assert.Single(await mesh.Cluster(source).RetrieveAsync(domain.CollectionName, ["9999"]).Within());
            Assert.Single(await mesh.Cluster(target).RetrieveAsync(domain.CollectionName, ["9999"]).Within());
        }
        finally
        {
            await mesh.SpecializationClient.CancelMigrationAsync(new CancelMigrationRequest { OperationId = migration.OperationId }).ResponseAsync.Within();
        }
    }

    [Fact]
    public async Task AKilledCluster_FailsOnlyThePointsRoutedToIt_AsUnavailableNamingIt()
    {
        var library = await RoutedLibrary.CreateAsync(mesh, "ingr-killed");
        var byBlob = Enumerable.Range(0, 3).Select(b => library.Entry(CentroidScores.Nearest(library.Map, RoutedLibrary.Blob(b, 0))!)).ToList();
        var victim = byBlob.Select(e => e.Primary.Name).FirstOrDefault(c => byBlob.Any(e => e.WriteClusters.All(w => w.Name != c)));
        Assert.True(victim is not null, "the plan put every domain on the same clusters: nothing to compare a killed cluster with");
        var points = Enumerable.Range(0, 30).Select(i => Point(3_000 + i, RoutedLibrary.Blob(i % 3, i))).ToList();

        mesh.ClusterProcess(victim).Kill();
        UpsertResponse response;
        try
        {
            response = await mesh.UpsertAsync(library.Name, points);
        }
        finally
        {
            await mesh.StartClusterAgainAsync(victim);
        }

        var hitVictim = points.Where(p => library.Entry(CentroidScores.Nearest(library.Map, p.Vector.ToArray())!).WriteClusters.Any(c => c.Name == victim)).Select(p => p.Id).ToHashSet();
        Assert.True(response.Partial);
        Assert.Equal(hitVictim.Order(), response.Failures.Select(f => f.Id).Order());
        Assert.All(response.Failures, f => Assert.Equal(("UNAVAILABLE", victim), (f.Code, f.Cluster.Name)));
        Assert.Equal((ulong)(points.Count - hitVictim.Count), response.UpsertedCount);
        var landed = await mesh.GetAsync(library.Name, [.. points.Select(p => p.Id).Where(id => !hitVictim.Contains(id))]);
        Assert.Equal(points.Count - hitVictim.Count, landed.Points.Count);
    }

    [Fact]
    public async Task ARestartedOrchestrator_RoutesAtOnceFromItsRedisCopy_WhileSpecializationAndDiscoveryAreUnreachable()
    {
        var library = await RoutedLibrary.CreateAsync(mesh, "ingr-restart");
        // The split of "unassigned" may still move the table on; the Redis copy holds what was served at the kill.
        var served = await library.ServedAsync(mesh);
        mesh.KillOrchestrator();
        await mesh.StartOrchestratorAsync(("Messaging__Services__specialization", "http://127.0.0.1:9"), ("Messaging__Services__discovery", "http://127.0.0.1:9"));
        try
        {
            var status = await mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = library.Name }).ResponseAsync.Within();
            var response = await mesh.UpsertAsync(library.Name, [Point(4_000, RoutedLibrary.Blob(1, 4))]);

            var latest = (await mesh.SpecializationClient.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library.Name }).ResponseAsync.Within()).Table;
            Assert.InRange(status.RoutingVersion, served.RoutingVersion, latest.Version);
            Assert.Equal(library.Map.Version, status.DomainMapVersion);
            Assert.Equal(CentroidScores.Nearest(library.Map, RoutedLibrary.Blob(1, 4)), response.Assignments.Single().DomainId);
        }
        finally
        {
            await mesh.StartOrchestratorAsync();
        }
    }
}
