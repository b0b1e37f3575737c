using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;
using Xunit;
using static MultiCluster.Orchestrator.Tests.Fusion.Lists;

namespace MultiCluster.Orchestrator.Tests.Fusion;

/// <summary>Each algorithm on two small lists, against scores worked out by hand from the contract's definitions.</summary>
public sealed class FusionExampleTests
{
    // A: a 0.9, b 0.6, c 0.3 (min 0.3, max 0.9, mean 0.6, sd sqrt(0.06)); B: b 0.8, d 0.4 (min 0.4, max 0.8, mean 0.6, sd 0.2).
    private static readonly RankedSource A = Of("A", ("a", 0.9f), ("b", 0.6f), ("c", 0.3f));
    private static readonly RankedSource B = Of("B", ("b", 0.8f), ("d", 0.4f));

    [Fact]
    public void WeightedScore_MinMax_SumsScoresPlacedBetweenEachListsMinAndMax()
    {
        var fused = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.WeightedScore, ScoreNormalization.MinMax), 0);

        // a 1, b 0.5 + 1, c 0, d 0.
        Assert.Equal(["b", "a", "c", "d"], Ids(fused));
        AssertScores(fused, ("b", 1.5), ("a", 1.0), ("c", 0), ("d", 0));
    }

    [Fact]
    public void WeightedScore_None_SumsRawScores_NegatingDistances()
    {
        var distances = Of("D", true, ("d", 0.1f), ("e", 0.5f));
        var fused = ResultFusion.Fuse([A, distances], Config(FusionAlgorithm.WeightedScore, ScoreNormalization.None), 0);

        AssertScores(fused, ("a", 0.9), ("b", 0.6), ("c", 0.3), ("d", -0.1), ("e", -0.5));
        Assert.Equal(["a", "b", "c", "d", "e"], Ids(fused));
    }

    [Fact]
    public void WeightedScore_ZScore_SumsStandardScores_TimesWeights()
    {
        var config = Config(FusionAlgorithm.WeightedScore, ScoreNormalization.ZScore);
        config.Weights["B"] = 2;
        var fused = ResultFusion.Fuse([A, B], config, 0);

        var sdA = Math.Sqrt(0.06);
        // a (0.3/sdA), b 0 + 2 x 1, c (-0.3/sdA), d 2 x -1.
        AssertScores(fused, ("a", 0.3 / sdA), ("b", 2), ("c", -0.3 / sdA), ("d", -2));
        Assert.Equal(["b", "a", "c", "d"], Ids(fused));
    }

    [Fact]
    public void ReciprocalRank_SumsWeightOverKPlusRank_WithKDefaulting60()
    {
        var fused = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.ReciprocalRank), 0);

        AssertScores(fused, ("b", (1 / 62.0) + (1 / 61.0)), ("a", 1 / 61.0), ("d", 1 / 62.0), ("c", 1 / 63.0));
        Assert.Equal(["b", "a", "d", "c"], Ids(fused));
        var small = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.ReciprocalRank, rrfK: 1), 0);
        AssertScores(small, ("b", (1 / 3.0) + (1 / 2.0)), ("a", 1 / 2.0), ("d", 1 / 3.0), ("c", 1 / 4.0));
    }

    [Fact]
    public void DistributionBased_PlacesScoresBetweenMeanMinusAndPlusThreeSigma()
    {
        var fused = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.DistributionBased), 0);

        var sdA = Math.Sqrt(0.06);
        double InA(double s) => (s - (0.6 - (3 * sdA))) / (6 * sdA);
        double InB(double s) => (s - (0.6 - 0.6)) / 1.2;
        AssertScores(fused, ("a", InA(0.9)), ("b", InA(0.6) + InB(0.8)), ("c", InA(0.3)), ("d", InB(0.4)));
    }

    [Fact]
    public void CombMnz_MultipliesTheNormalisedSumByTheListsHoldingThePoint()
    {
        var fused = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.CombMnz), 0);

        AssertScores(fused, ("b", (0.5 + 1) * 2), ("a", 1), ("c", 0), ("d", 0));
        var b = fused.Single(f => f.Point.Id == "b");
        Assert.Equal(b.Point.Score, b.Contributions.Sum(c => c.Contribution), 5);
    }

    [Fact]
    public void MaxScore_KeepsTheBestRawScore_AndDistancesAscending()
    {
        var fused = ResultFusion.Fuse([Of("x", true, ("p", 0.4f), ("q", 0.9f)), Of("y", true, ("q", 0.2f))], Config(FusionAlgorithm.MaxScore), 0);

        Assert.Equal(["q", "p"], Ids(fused));
        AssertScores(fused, ("q", 0.2), ("p", 0.4));
        Assert.Equal(2, fused[0].Contributions.Count);
    }

    [Fact]
    public void SemanticMerge_DropsNearIdenticalVectors_KeepingTheBestScoredCopy()
    {
        static ScoredPoint P(string id, float score, params float[] vector)
        {
            var point = new ScoredPoint { Id = id, Score = score };
            point.Vector.AddRange(vector);
            return point;
        }

        var x = new RankedSource("x", [P("a", 0.9f, 1, 0), P("b", 0.8f, 0.99999f, 0.001f), P("c", 0.7f, 0, 1)], false);
        var y = new RankedSource("y", [P("c", 0.95f, 0, 1), P("d", 0.5f, 0.7f, 0.7f)], false);

        var fused = ResultFusion.Fuse([x, y], Config(FusionAlgorithm.SemanticMerge), 0);
        var looser = ResultFusion.Fuse([x, y], new FusionConfig { Algorithm = FusionAlgorithm.SemanticMerge, DuplicateSimilarity = 0.7 }, 0);

        Assert.Equal(["c", "a", "d"], Ids(fused));
        Assert.Equal(["c", "a"], Ids(looser));
    }

    [Fact]
    public void SemanticMerge_WithoutVectors_DeduplicatesByIdOnly()
    {
        var fused = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.SemanticMerge), 0);

        Assert.Equal(["a", "b", "d", "c"], Ids(fused));
    }

    [Fact]
    public void MlBased_WithoutAModel_IsWeightedScoreWithMinMax()
    {
        var ml = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.MlBased, ScoreNormalization.ZScore), 0);
        var weighted = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.WeightedScore, ScoreNormalization.MinMax), 0);

        Assert.Equal(Scores(weighted), Scores(ml));
    }

    [Fact]
    public void MlBased_WithAModel_KeepsEachPointsBestCalibratedProbability()
    {
        var model = new FusionModel(new Dictionary<string, ScoreCalibration> { ["A"] = new(10, -5) }, new ScoreCalibration(1, 0), 1, DateTimeOffset.UnixEpoch);

        var fused = ResultFusion.Fuse([A, B], Config(FusionAlgorithm.MlBased), 0, model);

        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        AssertScores(fused, ("a", Sigmoid(4)), ("b", Math.Max(Sigmoid(1), Sigmoid(0.8))), ("c", Sigmoid(-2)), ("d", Sigmoid(0.4)));
        Assert.Equal(["a", "b", "d", "c"], Ids(fused));
    }

    [Fact]
    public void Ties_AreBrokenById_AndLimitTakesTheBest()
    {
        var fused = ResultFusion.Fuse([Of("x", ("z", 1f), ("y", 1f), ("x", 1f))], Config(FusionAlgorithm.WeightedScore), 2);

        Assert.Equal(["x", "y"], Ids(fused));
    }

    private static void AssertScores(IReadOnlyList<FusedPoint> fused, params (string Id, double Score)[] expected)
    {
        var scores = Scores(fused);
        Assert.Equal(expected.Length, scores.Count);
        foreach (var (id, score) in expected)
        {
            Assert.Equal(score, scores[id], 5);
        }
    }
}
