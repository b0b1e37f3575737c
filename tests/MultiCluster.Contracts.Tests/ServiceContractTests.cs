using Google.Protobuf.Reflection;
using MultiCluster.Contracts.V1;
using Xunit;

namespace MultiCluster.Contracts.Tests;

/// <summary>The contracts carry every operation the specification names, with the call shapes it asks for.</summary>
public sealed class ServiceContractTests
{
    public static TheoryData<string, string[]> RequiredMethods => new()
    {
        { DiscoveryService.Descriptor.FullName, ["AnalyzeDomains", "DiscoverPatterns", "ValidateDomainMapping", "GetDomainStatistics", "UpdateDomainThresholds", "SetAnalysisStrategy", "GetSupportedStrategies", "GetAnalysisHistory", "GetPerformanceMetrics", "GetDomainMap", "WatchDomainMap"] },
        { SpecializationService.Descriptor.FullName, ["SpecializeCluster", "OptimizeClusterConfig", "GetSpecializationStatus", "MigrateToSpecialization", "ValidateSpecialization", "SetOptimizationStrategy", "UpdateClusterConfiguration", "GetClusterPerformanceMetrics", "GetSpecializationHistory", "PlanPlacements", "GetRoutingTable", "WatchRoutingTable", "WatchMigration", "PauseMigration", "CancelMigration"] },
        { OrchestratorService.Descriptor.FullName, ["CreateLibrary", "ListLibraries", "DropLibrary", "Upsert", "UpsertStream", "Delete", "Get", "Search", "SearchBatch", "ExecuteCrossClusterQuery", "OrchestrateDomainSearch", "FuseResults", "RouteQuery", "GetLibraryStatus", "SetRoutingStrategy", "SetFusionAlgorithm", "PredictOptimalClusters", "GetCrossClusterMetrics"] },
        { RebalancerService.Descriptor.FullName, ["AnalyzeLoadDistribution", "TriggerRebalancing", "PredictRebalancingNeeds", "ExecuteAdaptiveMigration", "GetRebalancingHistory", "SetRebalancingThresholds", "EnableAutoRebalancing", "GetRebalancingMetrics", "GetPredictionAccuracy", "WatchRebalancing"] },
        { ClusterAdminService.Descriptor.FullName, ["SetClusterConfig", "GetClusterConfig", "HealthCheckClusters", "GetGlobalMetrics", "SyncAcrossClusters"] },
    };

    private static IEnumerable<ServiceDescriptor> Services =>
        [DiscoveryService.Descriptor, SpecializationService.Descriptor, OrchestratorService.Descriptor, RebalancerService.Descriptor, ClusterAdminService.Descriptor];

    [Theory]
    [MemberData(nameof(RequiredMethods))]
    public void Service_HasEveryMethodTheSpecificationNames(string service, string[] methods)
    {
        var actual = Services.Single(s => s.FullName == service).Methods.Select(m => m.Name);

        Assert.Empty(methods.Except(actual));
    }

    [Fact]
    public void AllServices_LiveInPackageLibraryV1()
    {
        Assert.All(Services, s => Assert.Equal("library.v1", s.File.Package));
    }

    [Fact]
    public void WatchMethods_AreServerStreaming_AndUpsertStreamIsClientStreaming()
    {
        var methods = Services.SelectMany(s => s.Methods).ToList();

        Assert.All(methods.Where(m => m.Name.StartsWith("Watch", StringComparison.Ordinal)), m => Assert.True(m.IsServerStreaming && !m.IsClientStreaming, m.FullName));
        var upsertStream = methods.Single(m => m.Name == "UpsertStream");
        Assert.True(upsertStream.IsClientStreaming && !upsertStream.IsServerStreaming);
    }

    [Fact]
    public void EveryMethod_HasItsOwnRequestAndResponseMessages()
    {
        var methods = Services.SelectMany(s => s.Methods).ToList();

        Assert.All(methods, m => Assert.Equal(m.Name + "Request", m.InputType.Name));
        Assert.All(methods, m => Assert.Equal(m.Name + "Response", m.OutputType.Name));
    }

    [Theory]
    [InlineData("AnalyzeDomainsResponse")]
    [InlineData("MigrateToSpecializationResponse")]
    [InlineData("TriggerRebalancingResponse")]
    public void LongOperations_ReturnAnOperationId(string response)
    {
        var message = Services.SelectMany(s => s.Methods).Select(m => m.OutputType).First(t => t.Name == response);

        Assert.Contains(message.Fields.InDeclarationOrder(), f => f.Name == "operation_id");
    }
}
