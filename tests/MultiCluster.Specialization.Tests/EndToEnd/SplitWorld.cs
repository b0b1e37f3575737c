using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Verification;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// What the split tests set up and check: Fashion-MNIST points in "{library}__unassigned" on local-a, a whole domain map
/// of one domain per label (centroid = the label's mean image, Euclid) stored as Specialization stores the maps it
/// receives, and, computed here by brute force, the domain each point belongs in.
/// </summary>
internal sealed class SplitWorld(SpecializationFixture fixture, string library)
{
    public IReadOnlyList<PointRecord> Points { get; private set; } = [];

    public DomainMap Map { get; private set; } = new();

    /// <summary>Each point's nearest domain; and the second nearest when the two are too close to call in float arithmetic.</summary>
    public Dictionary<string, (string Nearest, string? Tie)> Expected { get; } = new(StringComparer.Ordinal);

    public string Unassigned => LibraryName.Collection(library, LibraryName.Unassigned);

    public async Task SeedAsync(int count)
    {
        Points = MigrationFashionPoints.Read(count);
        await MigrationFashionPoints.WriteAsync(fixture.Cluster("local-a"), Unassigned, Points).Within();
        Map = new DomainMap
        {
            Library = library, Version = 1, Published = true, Dimension = MigrationFashionPoints.Dimension,
            Distance = Contracts.V1.Distance.Euclid, TotalPoints = (ulong)count, Strategy = AnalysisStrategy.Kmeans,
        };
        foreach (var group in Points.GroupBy(Label).OrderBy(g => g.Key))
        {
            var mean = new float[MigrationFashionPoints.Dimension];
            foreach (var point in group)
            {
                for (var d = 0; d < mean.Length; d++)
                {
                    mean[d] += point.Vector[d] / group.Count();
                }
            }

            var domain = new Domain { DomainId = string.Create(CultureInfo.InvariantCulture, $"d{group.Key}"), PointCount = (ulong)group.Count() };
            domain.Centroid.Add(mean);
            Map.Domains.Add(domain);
        }

        foreach (var point in Points)
        {
            var ranked = Map.Domains
                .Select(d => (d.DomainId, Distance: Math.Sqrt(d.Centroid.Select((c, i) => (double)(c - point.Vector[i]) * (c - point.Vector[i])).Sum())))
                .OrderBy(r => r.Distance).ToList();
            Expected[point.Id] = (ranked[0].DomainId, ranked[1].Distance - ranked[0].Distance < 1e-4 ? ranked[1].DomainId : null);
        }

        await new PlacementWorld(fixture).StoreMapAsync(Map);
    }

    /// <summary>The split job of the library (kind 2); null until one is queued.</summary>
    public async Task<string?> SplitJobAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync().Within();
        await using var command = new NpgsqlCommand("SELECT operation_id FROM migrations WHERE library = @library AND kind = 2", connection);
        command.Parameters.AddWithValue("library", library);
        return await command.ExecuteScalarAsync().Within() as string;
    }

    /// <summary>
    /// Checks the end state: "unassigned" empty; every point (but the <paramref name="newer"/> ones, written into a
    /// domain before the split) on every cluster of its nearest domain's route and in no other domain, each domain's
    /// digest equal to the digest of the points expected there.
    /// </summary>
    public async Task AssertSplitAsync(IReadOnlyDictionary<string, (string DomainId, PointRecord Point)> newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        Assert.Equal(0, await fixture.Cluster("local-a").CountAsync(Unassigned).Within());
        var table = (await MigrationProbe.RoutingAsync(fixture.DatabaseConnectionString, library))!;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var domain in Map.Domains)
        {
            var entry = Assert.Single(table.Entries, e => e.DomainId == domain.DomainId);
            var collection = LibraryName.Collection(library, domain.DomainId);
            var scans = new List<(HashSet<string> Ids, string Digest, long Count)>();
            foreach (var cluster in entry.WriteClusters.Concat(entry.ReadClusters).Select(c => c.Name).Distinct(StringComparer.Ordinal))
            {
                scans.Add(await MigrationProbe.ScanAsync(fixture.Cluster(cluster), collection));
            }

            var ids = scans[0].Ids;
            foreach (var id in ids)
            {
                Assert.True(seen.TryAdd(id, domain.DomainId), $"point {id} is in {domain.DomainId} and in {seen.GetValueOrDefault(id)}");
            }

            var expected = new PointDigest();
            foreach (var id in ids)
            {
                if (newer.TryGetValue(id, out var kept))
                {
                    Assert.Equal(kept.DomainId, domain.DomainId);
                    expected.Add(kept.Point);
                }
                else
                {
                    var (nearest, tie) = Expected[id];
                    Assert.True(domain.DomainId == nearest || domain.DomainId == tie, $"point {id} is in {domain.DomainId}, its nearest centroid is {nearest}");
                    expected.Add(Points[int.Parse(id, CultureInfo.InvariantCulture) - 1]);
                }
            }

            Assert.All(scans, scan => Assert.Equal((expected.Hex, expected.Count), (scan.Digest, scan.Count)));
        }

        Assert.Equal(Points.Count, seen.Count);
    }

    private static int Label(PointRecord point) => (byte)point.Payload!["label"]!;
}
