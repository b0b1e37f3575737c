using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Search.SearchCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>Every fusion algorithm through Search on a routed library, per request and as the library's stored choice.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class SearchFusionTests(OrchestratorFixture mesh)
{
    // Between the blobs: every domain holds some of the nearest points, so there are several lists to fuse.
    private static readonly float[] Query = [1f, 0.8f, 0.6f, 0.05f];

    [Theory]
    [InlineData(FusionAlgorithm.MaxScore)]
    [InlineData(FusionAlgorithm.WeightedScore)]
    [InlineData(FusionAlgorithm.ReciprocalRank)]
    [InlineData(FusionAlgorithm.DistributionBased)]
    [InlineData(FusionAlgorithm.CombMnz)]
    [InlineData(FusionAlgorithm.SemanticMerge)]
    [InlineData(FusionAlgorithm.MlBased)]
    public async Task EveryFusion_AnswersARoutedSearch_WithClusterAndDomainOnEveryPoint_AndNoIdTwice(FusionAlgorithm algorithm)
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "fus-each");

        var response = await mesh.FreshSearchAsync(library.Name, Query, r =>
        {
            r.Limit = 30;
            r.WithVectors = true;
            r.Routing.Strategy = RoutingStrategy.Broadcast;
            r.Fusion = new FusionConfig { Algorithm = algorithm };
        });

        Assert.False(response.Partial);
        Assert.True(Domains(response.SearchedDomainIds).Count >= 2, "one list only: nothing was fused");
        // Blob points repeat every 11 ids: SEMANTIC_MERGE keeps one of each vector, the others all 30 asked for.
        Assert.Equal(algorithm == FusionAlgorithm.SemanticMerge ? DistinctVectors(response.Points) : 30, response.Points.Count);
        Assert.Equal(response.Points.Count, response.Points.Select(p => p.Id).Distinct().Count());
        Assert.All(response.Points, p => Assert.Contains(p.DomainId, response.SearchedDomainIds));
        Assert.All(response.Points, p => Assert.Contains(response.SearchedClusters, c => c.Name == p.Cluster.Name));
        Assert.Equal(response.Points.Select(p => p.Score).OrderDescending(), response.Points.Select(p => p.Score));
        Assert.All(response.Points, p => Assert.Equal(RoutedLibrary.Dimension, p.Vector.Count));
    }

    [Fact]
    public async Task SemanticMerge_RemovesNearIdenticalVectors_EvenWhenTheRequestAsksForNoVectors()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "fus-each");

        var response = await mesh.FreshSearchAsync(library.Name, Query, r =>
        {
            r.Limit = 30;
            r.Routing.Strategy = RoutingStrategy.Broadcast;
            r.Fusion = new FusionConfig { Algorithm = FusionAlgorithm.SemanticMerge };
        });

        Assert.NotEmpty(response.Points);
        Assert.All(response.Points, p => Assert.Empty(p.Vector));
        var vectors = response.Points.Select(p => string.Join(',', VectorOf(p.Id))).ToList();
        Assert.Equal(vectors.Count, vectors.Distinct().Count());
    }

    [Fact]
    public async Task APointReadFromTwoCopies_CountsOnce_InASummingFusion()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "fus-copies");
        var query = VectorOf("1");
        // A copy of point 1 left in "unassigned", as a split that has not cleaned up yet leaves it.
        await mesh.Cluster("local-a").UpsertAsync(Clusters.LibraryName.Collection(library.Name, Clusters.LibraryName.Unassigned), [new Clusters.PointRecord("1", query)]).Within();
        SearchResponse? response = null;

        await Eventually.TrueAsync(
            async () => (response = await mesh.FreshSearchAsync(library.Name, query, r =>
            {
                r.Routing.Strategy = RoutingStrategy.Broadcast;
                r.Fusion = new FusionConfig { Algorithm = FusionAlgorithm.ReciprocalRank, RrfK = 10 };
            })).SearchedDomainIds.Contains(Clusters.LibraryName.Unassigned),
            "a search that reads the copy in \"unassigned\" too");

        // Once, a point scores 1 / (10 + its rank) at most 1/11; twice, the copy alone (rank 1 in "unassigned") adds 1/11.
        Assert.Contains(response!.Points, p => p.Id == "1");
        Assert.All(response.Points, p => Assert.True(p.Score <= (1.0 / 11) + 1e-6, $"point {p.Id} scores {p.Score}: counted more than once"));
    }

    [Fact]
    public async Task TheLibrarysStoredFusion_IsUsed_WhenTheRequestSetsNone()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "fus-stored");
        void Broadcast(SearchRequest r) => r.Routing.Strategy = RoutingStrategy.Broadcast;
        var maxScore = await mesh.FreshSearchAsync(library.Name, Query, Broadcast);

        await mesh.Client.SetFusionAlgorithmAsync(new SetFusionAlgorithmRequest { Library = library.Name, Fusion = new FusionConfig { Algorithm = FusionAlgorithm.ReciprocalRank, RrfK = 10 } }).ResponseAsync.Within();
        var stored = await mesh.FreshSearchAsync(library.Name, Query, Broadcast);
        var asked = await mesh.FreshSearchAsync(library.Name, Query, r => { Broadcast(r); r.Fusion = new FusionConfig { Algorithm = FusionAlgorithm.ReciprocalRank, RrfK = 10 }; });
        var overridden = await mesh.FreshSearchAsync(library.Name, Query, r => { Broadcast(r); r.Fusion = new FusionConfig { Algorithm = FusionAlgorithm.MaxScore }; });

        // Reciprocal rank with k = 10 scores a point by 1 / (10 + rank) per list: at most (lists) / 11, far below a cosine near 1.
        Assert.Equal(asked.Points.Select(p => (p.Id, p.Score)), stored.Points.Select(p => (p.Id, p.Score)));
        Assert.All(stored.Points, p => Assert.True(p.Score <= stored.SearchedDomainIds.Count / 11.0 + 1e-6, $"score {p.Score} is not a reciprocal rank fusion score"));
        Assert.Equal(Cosine(Query, VectorOf(maxScore.Points[0].Id)), maxScore.Points[0].Score, 4);
        Assert.Equal(maxScore.Points.Select(p => p.Score), overridden.Points.Select(p => p.Score));
    }

    // What RoutedLibrary.CreateAsync wrote under each id.
    private static float[] VectorOf(string id) => RoutedLibrary.Blob((int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) - 1) % 3, int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) - 1);

    private static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity<float>(a, b);

    private static int DistinctVectors(IEnumerable<ScoredPoint> points) => points.Select(p => string.Join(',', p.Vector)).Distinct().Count();
}
