using System.Text.Json;
using MultiCluster.Grpc.Services.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Services.Tests.Reflection;

/// <summary>grpc-js-reflection-client, a reflection client nobody here wrote, lists and describes what this server serves.</summary>
public sealed class NodeReflectionClientTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task GrpcJsReflectionClient_ListsEveryServiceWithItsMethods(string version)
    {
        await using var server = await ServicesTestServer.StartAsync();

        var (exitCode, stdout, stderr) = await PeerProcess.RunAsync("node", "reflection-list.js", "--target", server.Target, "--version", version);

        Assert.True(exitCode == 0, $"reflection-list.js exited {exitCode}: {stderr}");
        var listed = JsonSerializer.Deserialize<Listing>(stdout, Json)!;
        var services = listed.Services.ToDictionary(s => s.Name, s => s.Methods);
        Assert.Equal(["greet.v1.Greeter", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"], services.Keys);
        Assert.Equal(["SayHello", "SayHellos"], services["greet.v1.Greeter"]);
        Assert.Equal(["Check", "List", "Watch"], services["grpc.health.v1.Health"]);
        Assert.Equal(["ServerReflectionInfo"], services["grpc.reflection.v1.ServerReflection"]);
        Assert.Equal(["ServerReflectionInfo"], services["grpc.reflection.v1alpha.ServerReflection"]);
    }

    private sealed record Listing(IReadOnlyList<ListedService> Services);

    private sealed record ListedService(string Name, IReadOnlyList<string> Methods);
}
