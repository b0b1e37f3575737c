using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using Xunit;

namespace MultiCluster.Discovery.Tests.Service;

public sealed class AnalysisSettingsValidatorTests
{
    public static TheoryData<AnalysisSettings, string> Refused => new()
    {
        { new AnalysisSettings { Strategy = (AnalysisStrategy)9 }, "settings.strategy:" },
        { new AnalysisSettings { SampleSize = 1_001 }, "settings.sample_size:" },
        { With(new StrategyParameters { Kmeans = new KMeansParameters { KMin = 10, KMax = 5 } }), "settings.parameters.kmeans.k_min:" },
        { With(new StrategyParameters { Kmeans = new KMeansParameters { KMax = 1 } }), "settings.parameters.kmeans.k_max:" },
        { With(new StrategyParameters { Kmeans = new KMeansParameters { Tolerance = double.NaN } }), "settings.parameters.kmeans.tolerance:" },
        { With(new StrategyParameters { Dbscan = new DbscanParameters { Epsilon = double.PositiveInfinity } }), "settings.parameters.dbscan.epsilon:" },
        { With(new StrategyParameters { Hierarchical = new HierarchicalParameters { Linkage = (Linkage)7 } }), "settings.parameters.hierarchical.linkage:" },
        { With(new StrategyParameters { Hybrid = new HybridParameters { CoarseK = 4, MaxDomains = 8 } }), "settings.parameters.hybrid.coarse_k:" },
        { With(new StrategyParameters { Streaming = new StreamingParameters { Decay = 1.5 } }), "settings.parameters.streaming.decay:" },
        { new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans, Parameters = new StrategyParameters { Hybrid = new HybridParameters() } }, "settings.parameters:" },
        { new AnalysisSettings { ReanalysisInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(59)) }, "settings.reanalysis_interval:" },
        { new AnalysisSettings { ReanalysisInterval = new Duration { Seconds = -60 } }, "settings.reanalysis_interval:" },
        { new AnalysisSettings { KeywordFields = { "" } }, "settings.keyword_fields[0]:" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void OutOfRangeSetting_IsRefused_NamingItsPath(AnalysisSettings settings, string path)
    {
        var refusal = Assert.Throws<DiscoveryRequestException>(() => AnalysisSettingsValidator.Validate(settings, "settings", 1_000, requireStrategy: false));

        Assert.StartsWith(path, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrategyRequired_RefusesUnspecified_AndAcceptsEachStrategyWithItsOwnParameters()
    {
        Assert.Throws<DiscoveryRequestException>(() => AnalysisSettingsValidator.Validate(new AnalysisSettings(), "settings", 1_000, requireStrategy: true));
        foreach (var strategy in StrategyCatalog.Supported)
        {
            var settings = new AnalysisSettings
            {
                Strategy = strategy,
                Parameters = AnalysisSettingsResolver.DefaultParameters(strategy),
                ReanalysisInterval = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
            };

            AnalysisSettingsValidator.Validate(settings, "settings", 1_000, requireStrategy: true);
        }
    }

    private static AnalysisSettings With(StrategyParameters parameters) => new() { Parameters = parameters };
}
