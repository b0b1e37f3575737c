using Google.Protobuf.Reflection;
using MultiCluster.ServiceDefaults.Auth;
using Xunit;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Tests.Auth;

/// <summary>The role table: explicit entries name real methods; the verb rule and the open services do the rest.</summary>
public sealed class MethodRolesTests
{
    private static readonly ServiceDescriptor[] Services =
    [
        V1.OrchestratorService.Descriptor,
        V1.DiscoveryService.Descriptor,
        V1.SpecializationService.Descriptor,
        V1.RebalancerService.Descriptor,
        V1.ClusterAdminService.Descriptor,
    ];

    [Fact]
    public void EveryExplicitEntry_NamesAMethodOfTheContracts()
    {
        var methods = Services.SelectMany(s => s.Methods).Select(m => $"{m.Service.FullName}/{m.Name}").ToHashSet();

        Assert.All(MethodRoles.Explicit.Keys, entry => Assert.Contains(entry, methods));
    }

    [Theory]
    [InlineData("/library.v1.OrchestratorService/Search", Role.Reader)]
    [InlineData("/library.v1.OrchestratorService/SearchBatch", Role.Reader)]
    [InlineData("/library.v1.OrchestratorService/ListLibraries", Role.Reader)]
    [InlineData("/library.v1.DiscoveryService/GetDomainMap", Role.Reader)]
    [InlineData("/library.v1.DiscoveryService/WatchDomainMap", Role.Reader)]
    [InlineData("/library.v1.OrchestratorService/RouteQuery", Role.Reader)]
    [InlineData("/library.v1.OrchestratorService/Upsert", Role.Admin)]
    [InlineData("/library.v1.OrchestratorService/DropLibrary", Role.Admin)]
    [InlineData("/library.v1.DiscoveryService/AnalyzeDomains", Role.Admin)]
    [InlineData("/library.v1.RebalancerService/TriggerRebalancing", Role.Admin)]
    [InlineData("/library.v1.SpecializationService/MigrateToSpecialization", Role.Service)]
    [InlineData("/library.v1.SpecializationService/SpecializeCluster", Role.Service)]
    [InlineData("library.v1.OrchestratorService/Get", Role.Reader)]
    [InlineData("/other.v1.Thing/Getaway", Role.Admin)]
    public void Method_NeedsItsRole(string method, Role role) => Assert.Equal(role, MethodRoles.Required(method));

    [Theory]
    [InlineData("/grpc.health.v1.Health/Check")]
    [InlineData("/grpc.health.v1.Health/Watch")]
    [InlineData("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")]
    [InlineData("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")]
    public void HealthAndReflection_AreOpen(string method) => Assert.Null(MethodRoles.Required(method));

    [Fact]
    public void EveryContractMethod_HasARole()
    {
        var table = Services.SelectMany(s => s.Methods).ToDictionary(m => $"{m.Service.FullName}/{m.Name}", m => MethodRoles.Required("/" + m.Service.FullName + "/" + m.Name));

        Assert.All(table.Values, role => Assert.NotNull(role));
        Assert.Contains(table, entry => entry.Value == Role.Reader);
        Assert.Contains(table, entry => entry.Value == Role.Service);
        Assert.Contains(table, entry => entry.Value == Role.Admin);
    }
}
