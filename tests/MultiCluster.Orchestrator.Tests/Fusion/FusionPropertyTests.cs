using FsCheck;
using FsCheck.Fluent;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;
using Xunit;
using static MultiCluster.Orchestrator.Tests.Fusion.Lists;

namespace MultiCluster.Orchestrator.Tests.Fusion;

/// <summary>What holds for every algorithm on any lists: generated from a seed, 100 cases per property.</summary>
public sealed class FusionPropertyTests
{
    private static readonly FusionConfig[] Configs =
    [
        Config(FusionAlgorithm.MaxScore),
        Config(FusionAlgorithm.WeightedScore, ScoreNormalization.None),
        Config(FusionAlgorithm.WeightedScore, ScoreNormalization.MinMax),
        Config(FusionAlgorithm.WeightedScore, ScoreNormalization.ZScore),
        Config(FusionAlgorithm.ReciprocalRank),
        Config(FusionAlgorithm.ReciprocalRank, rrfK: 3),
        Config(FusionAlgorithm.DistributionBased),
        Config(FusionAlgorithm.CombMnz),
        Config(FusionAlgorithm.CombMnz, ScoreNormalization.ZScore),
        Config(FusionAlgorithm.SemanticMerge),
        Config(FusionAlgorithm.MlBased),
    ];

    private static readonly FusionModel Model = new(
        new Dictionary<string, ScoreCalibration> { ["s0"] = new(0.3, -1), ["s1"] = new(0.05, 0.2) }, new ScoreCalibration(0.2, 0), 10, DateTimeOffset.UnixEpoch);

    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue - 1).ToArbitrary();

    [Fact]
    public void EveryAlgorithm_ReturnsEachInputIdOnce_BestFirst_WithinTheLimit()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var lists = RandomLists(random, lowerIsBetter: false);
            var limit = random.Next(0, 12);
            var distinct = lists.SelectMany(l => l.Points).Select(p => p.Id).Distinct().Count();
            foreach (var config in Configs)
            {
                var fused = ResultFusion.Fuse(lists, config, limit, random.Next(2) == 0 ? Model : null);
                var ids = Ids(fused);
                Assert.Equal(ids.Length, ids.Distinct().Count());
                Assert.Equal(limit == 0 ? distinct : Math.Min(limit, distinct), ids.Length);
                for (var i = 1; i < fused.Count; i++)
                {
                    var (before, after) = (fused[i - 1].Point, fused[i].Point);
                    Assert.True(before.Score > after.Score || (before.Score == after.Score && string.CompareOrdinal(before.Id, after.Id) < 0), $"{config.Algorithm}: {before} before {after}");
                }

                Assert.All(fused, f => Assert.Equal(lists.Count(l => l.Points.Any(p => p.Id == f.Point.Id)), f.Contributions.Count));
            }
        }));
    }

    [Fact]
    public void SummingAlgorithms_ScoreEachPointWithTheSumOfItsContributions()
    {
        var summing = Configs.Where(c => c.Algorithm is FusionAlgorithm.WeightedScore or FusionAlgorithm.ReciprocalRank or FusionAlgorithm.DistributionBased or FusionAlgorithm.CombMnz);
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var lists = RandomLists(new Random(seed), lowerIsBetter: false);
            foreach (var config in summing)
            {
                // The fused score is a float: equal to the double sum within float precision (rounding to decimal places is not, at .xxx5).
                Assert.All(ResultFusion.Fuse(lists, config, 0), f =>
                {
                    var sum = f.Contributions.Sum(c => c.Contribution);
                    Assert.Equal(sum, f.Point.Score, 1e-5 * Math.Max(1, Math.Abs(sum)));
                });
            }
        }));
    }

    [Fact]
    public void DistanceLists_FuseAsTheirNegatedSimilarities()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var similarities = RandomLists(new Random(seed), lowerIsBetter: false);
            var distances = similarities.Select(l => new RankedSource(l.Source, [.. l.Points.Select(p => new ScoredPoint { Id = p.Id, Score = -p.Score })], true)).ToList();
            foreach (var config in Configs.Where(c => c.Algorithm is not (FusionAlgorithm.MaxScore or FusionAlgorithm.SemanticMerge)))
            {
                Assert.Equal(Scores(ResultFusion.Fuse(similarities, config, 0, Model)), Scores(ResultFusion.Fuse(distances, config, 0, Model)));
            }
        }));
    }

    [Fact]
    public void ReciprocalRank_DependsOnRanksOnly()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var lists = RandomLists(new Random(seed), lowerIsBetter: false);
            var flattened = lists.Select(l => new RankedSource(l.Source, [.. l.Points.Select((p, i) => new ScoredPoint { Id = p.Id, Score = 100 - i })], false)).ToList();
            Assert.Equal(Scores(ResultFusion.Fuse(lists, Config(FusionAlgorithm.ReciprocalRank), 0)), Scores(ResultFusion.Fuse(flattened, Config(FusionAlgorithm.ReciprocalRank), 0)));
        }));
    }

    [Fact]
    public void OneList_KeepsItsOwnOrder_UnderEveryAlgorithm()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var list = RandomLists(new Random(seed), lowerIsBetter: false)[0];
            // Equal scores may be reordered by id; compare the scores' order.
            var expected = list.Points.Select(p => p.Score).ToArray();
            foreach (var config in Configs.Where(c => c.Algorithm is not FusionAlgorithm.ReciprocalRank))
            {
                var fused = ResultFusion.Fuse([list], config, 0, Model);
                Assert.Equal(expected, fused.Select(f => list.Points.First(p => p.Id == f.Point.Id).Score).ToArray());
            }
        }));
    }

    /// <summary>1 to 5 lists of up to 15 distinct ids from a pool of 20, scores best first, some shared between lists.</summary>
    private static List<RankedSource> RandomLists(Random random, bool lowerIsBetter)
    {
        var lists = new List<RankedSource>();
        for (var s = random.Next(1, 6); s > 0; s--)
        {
            var ids = Enumerable.Range(0, 20).OrderBy(_ => random.Next()).Take(random.Next(0, 16)).Select(i => "p" + i);
            var points = ids.Select(id => new ScoredPoint { Id = id, Score = random.Next(-1000, 1000) / 100f })
                .OrderByDescending(p => p.Score).ToList();
            lists.Add(new RankedSource("s" + lists.Count, points, lowerIsBetter));
        }

        return lists;
    }
}
