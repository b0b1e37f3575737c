using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Clustering;
using Xunit;

namespace MultiCluster.Discovery.Tests.Service;

public sealed class AnalysisSettingsResolverTests
{
    [Fact]
    public void NothingConfigured_RunsHybridWithItsDocumentedDefaults()
    {
        var resolved = AnalysisSettingsResolver.Resolve(null, null, Distance.Euclid, 100_000, seed: 5);

        Assert.Equal(AnalysisStrategy.Hybrid, resolved.Strategy);
        var options = Assert.IsType<HybridOptions>(resolved.Options);
        Assert.Equal(32, options.MaxDomains);
        Assert.Equal(128, options.CoarseK);
        Assert.Equal(5ul, options.Seed);
        Assert.Equal(10_000, resolved.SampleSize);
        Assert.Equal(5ul, resolved.Effective.Seed);
    }

    [Fact]
    public void UnsetRequestFields_TakeTheConfiguredOnes_AndSetOnesWin()
    {
        var configured = new AnalysisSettings
        {
            Strategy = AnalysisStrategy.Kmeans,
            Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = 7 } },
            SampleSize = 3_000,
            KeywordFields = { "title" },
        };
        var request = new AnalysisSettings { SampleSize = 500 };

        var resolved = AnalysisSettingsResolver.Resolve(request, configured, Distance.Euclid, 100_000, seed: 1);

        Assert.Equal(AnalysisStrategy.Kmeans, resolved.Strategy);
        Assert.Equal(7, Assert.IsType<KMeansOptions>(resolved.Options).K);
        Assert.Equal(500, resolved.SampleSize);
        Assert.Equal(["title"], resolved.KeywordFields);
    }

    [Fact]
    public void ParametersWithoutAStrategy_ImplyTheirStrategy()
    {
        var request = new AnalysisSettings { Parameters = new StrategyParameters { Dbscan = new DbscanParameters { MinPoints = 9 } } };

        var resolved = AnalysisSettingsResolver.Resolve(request, new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans }, Distance.Euclid, 100_000);

        Assert.Equal(AnalysisStrategy.Dbscan, resolved.Strategy);
        Assert.Equal(9, Assert.IsType<DbscanOptions>(resolved.Options).MinPoints);
    }

    [Fact]
    public void CosineDistances_AreConvertedToTheEuclideanDistancesStrategiesUse()
    {
        var request = new AnalysisSettings { Strategy = AnalysisStrategy.Dbscan, Parameters = new StrategyParameters { Dbscan = new DbscanParameters { Epsilon = 0.08 } } };

        var cosine = Assert.IsType<DbscanOptions>(AnalysisSettingsResolver.Resolve(request, null, Distance.Cosine, 100_000).Options);
        var euclid = Assert.IsType<DbscanOptions>(AnalysisSettingsResolver.Resolve(request, null, Distance.Euclid, 100_000).Options);

        Assert.Equal(0.4, cosine.Epsilon, 12);
        Assert.Equal(0.08, euclid.Epsilon, 12);
        Assert.Equal(0.08, AnalysisSettingsResolver.Resolve(request, null, Distance.Cosine, 100_000).Effective.Parameters.Dbscan.Epsilon);
    }

    [Fact]
    public void KMeansSeed_WinsOverTheSettingsSeed_AndZeroDrawsOneThatIsRecorded()
    {
        var seeded = new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans, Seed = 3, Parameters = new StrategyParameters { Kmeans = new KMeansParameters { Seed = 11 } } };
        var unseeded = new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans };

        var fromKMeans = AnalysisSettingsResolver.Resolve(seeded, null, Distance.Euclid, 100_000);
        var drawn = AnalysisSettingsResolver.Resolve(unseeded, null, Distance.Euclid, 100_000);

        Assert.Equal(11ul, fromKMeans.Seed);
        Assert.NotEqual(0ul, drawn.Seed);
        Assert.Equal(drawn.Seed, drawn.Effective.Seed);
        Assert.Equal(drawn.Seed, drawn.Effective.Parameters.Kmeans.Seed);
    }

    [Fact]
    public void StoredSampleSizeAboveTheLimit_IsClampedToIt()
    {
        var resolved = AnalysisSettingsResolver.Resolve(null, new AnalysisSettings { SampleSize = 90_000 }, Distance.Euclid, 50_000);

        Assert.Equal(50_000, resolved.SampleSize);
    }

    [Fact]
    public void WithDefaults_FillsWhatZeroMeans_AndKeepsTheSchedule()
    {
        var stored = new AnalysisSettings { Strategy = AnalysisStrategy.Streaming, ReanalysisInterval = Duration.FromTimeSpan(TimeSpan.FromHours(1)) };

        var resolved = AnalysisSettingsResolver.WithDefaults(stored);

        Assert.Equal(64u, resolved.Parameters.Streaming.MaxDomains);
        Assert.Equal(0.99, resolved.Parameters.Streaming.Decay);
        Assert.Equal(1000u, resolved.Parameters.Streaming.BatchSize);
        Assert.Equal(10_000u, resolved.SampleSize);
        Assert.Equal(TimeSpan.FromHours(1), resolved.ReanalysisInterval.ToTimeSpan());
    }
}
