using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;
using Xunit;
using static MultiCluster.Orchestrator.Tests.Fusion.Lists;

namespace MultiCluster.Orchestrator.Tests.Fusion;

/// <summary>ML_BASED's calibrations learnt from sampled exhaustive answers, on synthetic sources whose scores lie.</summary>
public sealed class FusionModelTrainerTests
{
    [Fact]
    public void MlBased_TrainedOnMiscalibratedSources_BeatsWeightedScoreOnNdcgAt10()
    {
        var random = new Random(12);
        var training = Enumerable.Range(0, 200).Select(_ => Query(random)).ToList();
        var model = FusionModelTrainer.Train(training, DateTimeOffset.UnixEpoch);
        Assert.NotNull(model);
        Assert.Equal(3, model.Sources.Count);

        var held = Enumerable.Range(0, 200).Select(_ => Query(random)).ToList();
        double Mean(FusionAlgorithm algorithm) => held.Average(q => RankingQuality.NdcgAtK(
            Ids(ResultFusion.Fuse(q.Lists, Config(algorithm, ScoreNormalization.MinMax), 10, model)), q.ExhaustiveIds, 10));

        var ml = Mean(FusionAlgorithm.MlBased);
        var weighted = Mean(FusionAlgorithm.WeightedScore);
        Assert.True(ml > weighted + 0.05, $"ndcg@10 ml_based {ml:F3} vs weighted_score {weighted:F3}");
        Assert.True(ml > 0.95, $"ndcg@10 ml_based {ml:F3}");
    }

    [Fact]
    public void Train_WithoutAnyPointInTheExhaustiveTop_LearnsNothing()
    {
        var sample = new FusionTrainingSample([Of("a", ("x", 0.5f), ("y", 0.4f))], ["z"]);

        Assert.Null(FusionModelTrainer.Train([sample], DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void StoredModel_RoundTripsThroughJson()
    {
        var model = new FusionModel(new Dictionary<string, ScoreCalibration> { ["local-a"] = new(12.5, -3.25) }, new ScoreCalibration(1, 0.5), 42, DateTimeOffset.UnixEpoch);

        var back = FusionModelStore.FromJson(FusionModelStore.ToJson(model));

        Assert.Equal((model.Queries, model.TrainedAt, model.Pooled), (back.Queries, back.TrainedAt, back.Pooled));
        Assert.Equal(model.Sources["local-a"], back.Sources["local-a"]);
    }

    [Fact]
    public void Ndcg_IsOneForTheIdealOrder_AndLowerWhenOrderOrMembersDiffer()
    {
        string[] ideal = ["a", "b", "c"];

        Assert.Equal(1.0, RankingQuality.NdcgAtK(ideal, ideal, 3), 10);
        // Gains 3, 2, 1: ranked c, b, a gives 1 + 2/log2(3) + 3/2 over 3 + 2/log2(3) + 1/2.
        var expected = (1 + (2 / Math.Log2(3)) + 1.5) / (3 + (2 / Math.Log2(3)) + 0.5);
        Assert.Equal(expected, RankingQuality.NdcgAtK(["c", "b", "a"], ideal, 3), 10);
        Assert.Equal(0.0, RankingQuality.NdcgAtK(["x", "y"], ideal, 3), 10);
        Assert.Equal(2 / 3.0, RankingQuality.RecallAtK(["a", "x", "c"], ideal, 3), 10);
    }

    /// <summary>
    /// 60 points with a true score each, spread over three sources that report it differently (as is, squeezed and
    /// raised, lowered); each source lists its own top 15; the exhaustive answer is the top 10 by true score.
    /// </summary>
    private static FusionTrainingSample Query(Random random)
    {
        Func<double, double>[] reported = [t => t, t => (0.5 * t) + 0.45, t => t - 0.35];
        var points = Enumerable.Range(0, 60).Select(i => (Id: $"p{i}", Truth: random.NextDouble(), Source: random.Next(3))).ToList();
        var lists = Enumerable.Range(0, 3).Select(s => new RankedSource($"source-{s}",
            [.. points.Where(p => p.Source == s).OrderByDescending(p => p.Truth).Take(15).Select(p => new ScoredPoint { Id = p.Id, Score = (float)reported[s](p.Truth) })],
            false)).ToList();
        return new FusionTrainingSample(lists, [.. points.OrderByDescending(p => p.Truth).Take(10).Select(p => p.Id)]);
    }
}
