using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>What a client sees of each running service host before its capability is built.</summary>
public sealed class ServiceHostTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    public static TheoryData<string> Services => new(MeshFixture.ServiceNames);

    public static TheoryData<string, string> ServicesAndReflectionVersions()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in MeshFixture.ServiceNames)
        {
            data.Add(name, "v1");
            data.Add(name, "v1alpha");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ServicesAndReflectionVersions))]
    public async Task ReflectionClientFromNpm_ListsEveryServiceOfTheHost_WithEveryMethod(string name, string version)
    {
        var host = mesh.Hosts[name];
        var expected = ServiceDescriptor(name);

        var (exitCode, output, errors) = await PeerProcess.RunAsync("node", "reflection-list.js", "--target", host.Target, "--version", version);

        Assert.True(exitCode == 0, $"reflection-list.js failed: {errors}");
        var services = JsonDocument.Parse(output).RootElement.GetProperty("services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList());
        Assert.Equal(
            new[] { expected.FullName, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "library.v1.ClusterAdminService" }.Order(StringComparer.Ordinal),
            services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Methods.Select(m => m.Name), services[expected.FullName]);
        Assert.Equal(ClusterAdminService.Descriptor.Methods.Select(m => m.Name), services["library.v1.ClusterAdminService"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task HealthCheck_ReportsServing(string name)
    {
        using var channel = mesh.Hosts[name].CreateChannel();

        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task CallWithoutApiKey_IsUnauthenticatedSayingWhereTheKeyGoes(string name)
    {
        using var channel = mesh.Hosts[name].CreateChannel();
        var client = new ClusterAdminService.ClusterAdminServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetClusterConfigAsync(new GetClusterConfigRequest()).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("x-api-key", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPortSetting_StopsTheHostWithAMessageNamingTheKey()
    {
        var (exitCode, output, errors) = await ServiceHost.RunExpectingFailureAsync("Discovery", ("Service__GrpcPort", "70000"), ("Service__HttpPort", "5999"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Service:GrpcPort", output + errors, StringComparison.Ordinal);
    }

    private static Google.Protobuf.Reflection.ServiceDescriptor ServiceDescriptor(string name) => name switch
    {
        "Orchestrator" => OrchestratorService.Descriptor,
        "Discovery" => DiscoveryService.Descriptor,
        "Specialization" => SpecializationService.Descriptor,
        "Rebalancer" => RebalancerService.Descriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
