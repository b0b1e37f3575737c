using System.Text.Json.Nodes;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;
using Xunit;
using static MultiCluster.Discovery.Tests.Domains.DomainTestData;

namespace MultiCluster.Discovery.Tests.Domains;

public sealed class DomainMapBuilderTests
{
    private static readonly float[][] Corners = [[10, 0, 0], [0, 10, 0], [0, 0, 10]];

    [Fact]
    public void Counts_extrapolate_to_the_library_total_exactly_by_largest_remainder()
    {
        // 7, 11 and 13 rows in clusters and 2 unassigned out of 33: quotas of 1,000 are 212.1, 333.3, 393.9 and 60.6.
        var (rows, labels) = Blobs([.. Corners, [5, 5, 5]], [7, 11, 13, 2], 0.1);
        labels = labels.Select(l => l == 3 ? ClusteringResult.Unassigned : l).ToArray();
        var result = Result(rows, labels, 3);

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 1000), Sample(rows), result, null, Options(), 0.5);

        Assert.Equal([212UL, 333UL, 394UL], map.Domains.OrderBy(d => d.PointCount).Select(d => d.PointCount));
        // The remaining 61 points are the unassigned share: domains and unassigned add up to the library.
        Assert.Equal(1000UL - 61, map.Domains.Aggregate(0UL, (sum, d) => sum + d.PointCount));
        Assert.Equal(2.0 / 33, map.UnassignedFraction, 12);
        Assert.Equal((33UL, 1000UL, 0.5, 3U), (map.SampledPoints, map.TotalPoints, map.SilhouetteScore, map.Dimension));
    }

    [Fact]
    public void Keywords_are_the_payload_terms_that_tell_domains_apart()
    {
        var (rows, labels) = Blobs(Corners[..2], [20, 20], 0.1);
        var sample = Sample(rows, i => new JsonObject
        {
            ["category"] = labels[i] == 0 ? "Shoes" : "shirts",
            ["brand"] = "acme",
            ["tags"] = new JsonArray(labels[i] == 0 ? "running-sneakers" : "cotton", "x"),
        });

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 40), sample, Result(rows, labels, 2), null, Options(), 0);

        var byFirstRow = map.Domains.OrderByDescending(d => d.Centroid[0]).ToList();
        // "acme" is in every domain and "x" is too short: neither names a domain.
        Assert.Equal(["running", "shoes", "sneakers"], byFirstRow[0].Keywords.Order());
        Assert.Equal(["cotton", "shirts"], byFirstRow[1].Keywords.Order());
        Assert.Contains(" / ", byFirstRow[0].Label, StringComparison.Ordinal);

        var onlyCategory = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 40), sample, Result(rows, labels, 2), null, Options("category"), 0);
        Assert.Equal(["shirts", "shoes"], onlyCategory.Domains.Select(d => d.Label).Order());
    }

    [Fact]
    public void Domains_without_payload_terms_are_labelled_by_id()
    {
        var (rows, labels) = Blobs(Corners[..2], [5, 5], 0.1);

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 10), Sample(rows), Result(rows, labels, 2), null, Options(), 0);

        Assert.Equal(["domain d0001", "domain d0002"], map.Domains.Select(d => d.Label));
        Assert.All(map.Domains, d => Assert.Empty(d.Keywords));
    }

    [Fact]
    public void Ids_persist_when_centroids_move_and_fresh_ids_are_never_reused()
    {
        var library = new LibraryShape("lib", 3, Distance.Cosine, 0);
        var (rows1, labels1) = Blobs(Corners, [30, 20, 10], 0.01);
        var v1 = DomainMapBuilder.Build(library, Sample(VectorSpace.Prepare(rows1, Distance.Cosine)), Result(VectorSpace.Prepare(rows1, Distance.Cosine), labels1, 3), null, Options(), 0);
        Assert.Equal(["d0001", "d0002", "d0003"], v1.Domains.Select(d => d.DomainId));
        var idOf = v1.Domains.ToDictionary(d => Array.IndexOf(d.Centroid.ToArray(), d.Centroid.Max()), d => d.DomainId);

        // Version 2: the clusters come back in another order, the x one tilted by cosine distance ≈ 0.1 (drift,
        // within reach), the z one gone, and a new one between x and y.
        float[][] centers = [[0, 10, 0], [10, 0, 4.6f], [7, 7, 0]];
        var (rows2, labels2) = Blobs(centers, [20, 30, 15], 0.01, seed: 8);
        var prepared = VectorSpace.Prepare(rows2, Distance.Cosine);
        var v2 = DomainMapBuilder.Build(library, Sample(prepared), Result(prepared, labels2, 3), v1, Options(), 0);

        var byAxis = v2.Domains.ToDictionary(d => d.Centroid[0] > 0.9 ? 0 : d.Centroid[1] > 0.9 ? 1 : 2, d => d.DomainId);
        Assert.Equal(idOf[0], byAxis[0]);
        Assert.Equal(idOf[1], byAxis[1]);
        // d0003 (z) vanished; the new domain gets d0004, not the freed d0003.
        Assert.Equal("d0004", byAxis[2]);
        Assert.Equal(v2.Domains.Select(d => d.DomainId).Order(StringComparer.Ordinal), v2.Domains.Select(d => d.DomainId));

        var v3 = DomainMapBuilder.Build(library, Sample(prepared), Result(prepared, labels2, 3), null, Options() with { RetiredDomainIds = ["d0009"] }, 0);
        Assert.Equal(["d0010", "d0011", "d0012"], v3.Domains.Select(d => d.DomainId));
    }

    [Fact]
    public void Cosine_centroids_are_unit_length_and_cohesion_and_radius_describe_the_members()
    {
        // Members at 0° and 90° from each other: the centroid is at 45°, each member has cosine √½ to it.
        var rows = VectorSpace.Prepare(new VectorSet([1, 0, 0, 1], 2), Distance.Cosine);

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 2, Distance.Cosine, 2), Sample(rows), Result(rows, [0, 0], 1), null, Options(), 0);

        var domain = Assert.Single(map.Domains);
        Assert.Equal(Math.Sqrt(0.5), domain.Centroid[0], 5);
        Assert.Equal(Math.Sqrt(0.5), domain.Cohesion, 5);
        Assert.Equal(1 - Math.Sqrt(0.5), domain.Radius, 5);
    }

    [Fact]
    public void Size_counts_the_vector_and_the_mean_payload_of_each_point()
    {
        var (rows, labels) = Blobs(Corners[..1], [4], 0.1);
        var sample = Sample(rows, i => i % 2 == 0 ? new JsonObject { ["a"] = "bb" } : null);

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 100), sample, Result(rows, labels, 1), null, Options(), 0);

        // {"a":"bb"} is 10 bytes on half the members: 5 bytes of payload and 12 of vector per point.
        Assert.Equal(100UL * (12 + 5), map.Domains[0].SizeBytes);
    }

    [Fact]
    public void Proposed_clusters_balance_the_points_largest_domain_first()
    {
        var clusters = new[] { Cluster("a", 0, "eu"), Cluster("b", 0, "us") };

        var proposals = ClusterProposer.Propose([("d1", 400), ("d2", 300), ("d3", 200), ("d4", 100)], clusters);

        Assert.Equal(["a", "b", "b", "a"], proposals.Select(p => p!.Name));
        Assert.Equal("eu", proposals[0]!.Region);
    }

    [Fact]
    public void Proposed_clusters_fill_by_share_of_capacity_and_skip_draining_ones()
    {
        var clusters = new[] { Cluster("big", 3000), Cluster("small", 1000), Cluster("old", 0) with { Draining = true } };

        var proposals = ClusterProposer.Propose([("d1", 900), ("d2", 600), ("d3", 300), ("d4", 300)], clusters);

        // big takes 900 (30%), then 600 would fill small to 60% against big's 50%: big; 300 fills small to 30%.
        Assert.Equal(["big", "big", "small", "big"], proposals.Select(p => p!.Name));
    }

    [Fact]
    public void Parent_domains_are_domains_with_the_aggregate_of_their_children()
    {
        var (rows, labels) = Blobs([[10, 0, 0], [10, 1, 0], [0, 0, 10]], [10, 20, 30], 0.05);
        var result = Result(rows, labels, 3) with { ParentOf = [0, 0, 1] };

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 600), Sample(rows), result, null, Options() with { }, 0);

        Assert.Equal(5, map.Domains.Count);
        var leaves = map.Domains.Where(d => d.ParentDomainId.Length > 0).ToList();
        Assert.Equal(3, leaves.Count);
        var xParent = map.Domains.Single(d => d.DomainId == leaves.Single(l => l.PointCount == 100).ParentDomainId);
        Assert.Equal(300UL, xParent.PointCount);
        Assert.Null(xParent.ProposedCluster);
    }

    private static ClusterOptions Cluster(string name, long capacity, string region = "") =>
        new() { Name = name, Url = new Uri("http://localhost:6333"), CapacityPoints = capacity, Region = region };

    [Fact]
    public void Stamping_keeps_the_first_seen_time_of_continuing_domains()
    {
        var (rows, labels) = Blobs(Corners[..2], [10, 10], 0.1);
        var library = new LibraryShape("lib", 3, Distance.Euclid, 20);
        var v1 = DomainMapBuilder.Build(library, Sample(rows), Result(rows, labels, 2), null, Options(), 0);
        var first = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        DomainMapBuilder.Stamp(v1, first);
        var (moved, movedLabels) = Blobs([Corners[0], Corners[2]], [10, 10], 0.1, seed: 3);

        var v2 = DomainMapBuilder.Build(library, Sample(moved), Result(moved, movedLabels, 2), v1, Options(), 0);
        DomainMapBuilder.Stamp(v2, first.AddHours(1));

        Assert.Equal(["d0001", "d0003"], v2.Domains.Select(d => d.DomainId));
        Assert.Equal(first, v2.Domains[0].CreatedAt.ToDateTimeOffset());
        Assert.Equal(first.AddHours(1), v2.Domains[1].CreatedAt.ToDateTimeOffset());
        Assert.All(v2.Domains, d => Assert.Equal(first.AddHours(1), d.UpdatedAt.ToDateTimeOffset()));
        Assert.Equal(first.AddHours(1), v2.CreatedAt.ToDateTimeOffset());
    }

    [Fact]
    public void A_single_domain_map_has_silhouette_zero_without_measuring_it()
    {
        var (rows, labels) = Blobs(Corners[..1], [5], 0.1);

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 0), Sample(rows), Result(rows, labels, 1), null, Options());

        Assert.Equal((0.0, 5UL), (map.SilhouetteScore, map.TotalPoints));
        Assert.Equal(5UL, Assert.Single(map.Domains).PointCount);
    }

    [Fact]
    public void A_kmeans_clustering_becomes_a_map_with_its_measured_silhouette()
    {
        var (rows, _) = Blobs(Corners, [100, 100, 100], 0.2);
        var result = new KMeansStrategy().Cluster(rows, new KMeansOptions(5, K: 3), null, CancellationToken.None);

        var map = DomainMapBuilder.Build(new LibraryShape("lib", 3, Distance.Euclid, 3000), Sample(rows), result, null, Options());

        Assert.Equal([1000UL, 1000UL, 1000UL], map.Domains.Select(d => d.PointCount));
        // Blobs 14 apart with a spread of 0.2 are as separated as clusters get.
        Assert.InRange(map.SilhouetteScore, 0.9, 1);
        Assert.Empty(ThresholdPolicy.Failures(map, ThresholdPolicy.Resolve(new DomainThresholds { MaxDomainShare = 0.34 })));
    }
}
