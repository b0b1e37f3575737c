using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>FuseResults and SetFusionAlgorithm over the network, on the real Orchestrator.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class FusionEndpointTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task FuseResults_FusesClientLists_WithContributionsPerList()
    {
        var request = new FuseResultsRequest { Fusion = new FusionConfig { Algorithm = FusionAlgorithm.ReciprocalRank, RrfK = 1 }, Limit = 2 };
        request.Lists.Add(List("text", false, ("a", 0.9f), ("b", 0.5f)));
        request.Lists.Add(List("image", true, ("b", 0.1f), ("c", 0.2f)));

        var response = await mesh.Client.FuseResultsAsync(request).ResponseAsync.Within();

        Assert.Equal(["b", "a"], response.Points.Select(p => p.Point.Id));
        Assert.Equal((1 / 3.0) + (1 / 2.0), response.Points[0].Point.Score, 5);
        Assert.Equal(["text", "image"], response.Points[0].Contributions.Select(c => c.Source));
        Assert.Equal([2u, 1u], response.Points[0].Contributions.Select(c => c.Rank));
    }

    [Theory]
    [InlineData("lists", 0, FusionAlgorithm.MaxScore, 0u, "lists:")]
    [InlineData("duplicate", 2, FusionAlgorithm.MaxScore, 0u, "lists[1].source:")]
    [InlineData("no-algorithm", 1, FusionAlgorithm.Unspecified, 0u, "fusion.algorithm:")]
    [InlineData("limit", 1, FusionAlgorithm.MaxScore, 10_001u, "limit:")]
    [InlineData("rrf", 1, FusionAlgorithm.ReciprocalRank, 0u, "fusion.rrf_k:")]
    [InlineData("weight", 1, FusionAlgorithm.WeightedScore, 0u, "fusion.weights[x]:")]
    [InlineData("similarity", 1, FusionAlgorithm.SemanticMerge, 0u, "fusion.duplicate_similarity:")]
    public async Task FuseResults_RefusesBadInput_NamingTheField(string what, int lists, FusionAlgorithm algorithm, uint limit, string field)
    {
        var request = new FuseResultsRequest { Fusion = new FusionConfig { Algorithm = algorithm }, Limit = limit };
        for (var i = 0; i < lists; i++)
        {
            request.Lists.Add(List("same", false, ("a", 1f)));
        }

        switch (what)
        {
            case "rrf": request.Fusion.RrfK = 1_001; break;
            case "weight": request.Fusion.Weights["x"] = double.NaN; break;
            case "similarity": request.Fusion.DuplicateSimilarity = 0.2; break;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.FuseResultsAsync(request).ResponseAsync.Within());

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(field, refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetFusionAlgorithm_StoresItPerLibrary_AndAnswersWithDefaultsResolved()
    {
        await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = "fu-set", Dimension = 4, Distance = Distance.Cosine }).ResponseAsync.Within();

        var set = await mesh.Client.SetFusionAlgorithmAsync(new SetFusionAlgorithmRequest
        {
            Library = "fu-set",
            Fusion = new FusionConfig { Algorithm = FusionAlgorithm.ReciprocalRank, Weights = { ["local-b"] = 2 } },
        }).ResponseAsync.Within();

        Assert.Equal((FusionAlgorithm.ReciprocalRank, 60u, ScoreNormalization.MinMax, 0.999), (set.Fusion.Algorithm, set.Fusion.RrfK, set.Fusion.Normalization, set.Fusion.DuplicateSimilarity));
        Assert.Equal(2, set.Fusion.Weights["local-b"]);
        await using var connection = new Npgsql.NpgsqlConnection(mesh.OrchestratorDatabase);
        await connection.OpenAsync().Within();
        await using var command = new Npgsql.NpgsqlCommand("SELECT fusion FROM library_settings WHERE library = 'fu-set'", connection);
        var stored = FusionConfig.Parser.ParseFrom((byte[])(await command.ExecuteScalarAsync().Within())!);
        Assert.Equal(FusionAlgorithm.ReciprocalRank, stored.Algorithm);
    }

    [Fact]
    public async Task SetFusionAlgorithm_AcceptsTheDefault_AndRefusesUnknownLibrariesAndMissingAlgorithms()
    {
        var defaults = await mesh.Client.SetFusionAlgorithmAsync(new SetFusionAlgorithmRequest { Fusion = new FusionConfig { Algorithm = FusionAlgorithm.MaxScore } }).ResponseAsync.Within();
        var unknown = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.SetFusionAlgorithmAsync(new SetFusionAlgorithmRequest
        {
            Library = "fu-nobody",
            Fusion = new FusionConfig { Algorithm = FusionAlgorithm.CombMnz },
        }).ResponseAsync.Within());
        var missing = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.SetFusionAlgorithmAsync(new SetFusionAlgorithmRequest()).ResponseAsync.Within());

        Assert.Equal(FusionAlgorithm.MaxScore, defaults.Fusion.Algorithm);
        Assert.Equal((StatusCode.NotFound, true), (unknown.StatusCode, unknown.Status.Detail.StartsWith("library:", StringComparison.Ordinal)));
        Assert.Equal((StatusCode.InvalidArgument, true), (missing.StatusCode, missing.Status.Detail.StartsWith("fusion:", StringComparison.Ordinal)));
    }

    private static RankedList List(string source, bool lowerIsBetter, params (string Id, float Score)[] points)
    {
        var list = new RankedList { Source = source, LowerIsBetter = lowerIsBetter };
        list.Points.AddRange(points.Select(p => new ScoredPoint { Id = p.Id, Score = p.Score, Payload = new Struct() }));
        return list;
    }
}
