using Microsoft.Extensions.Configuration;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>Where the transport finds its sidecar and tokens: configuration first, then Dapr's documented variables.</summary>
public sealed class DaprEnvironmentTests
{
    [Fact]
    public void NothingSet_UsesDaprsDefaultGrpcPortOnLoopback() =>
        Assert.Equal(new Uri("http://127.0.0.1:50001"), Read([]).SidecarAddress);

    [Fact]
    public void DaprGrpcPort_GivesTheSidecarAddress() =>
        Assert.Equal(new Uri("http://127.0.0.1:50123"), Read(new() { ["DAPR_GRPC_PORT"] = "50123" }).SidecarAddress);

    [Fact]
    public void ConfiguredSidecarAddress_WinsOverDaprGrpcPort() =>
        Assert.Equal(new Uri("http://daprd:6000"), Read(new() { ["DAPR_GRPC_PORT"] = "50123", ["Messaging:Dapr:SidecarAddress"] = "http://daprd:6000" }).SidecarAddress);

    [Fact]
    public void Tokens_ComeFromDaprApiTokenAndAppApiToken()
    {
        var options = Read(new() { ["DAPR_API_TOKEN"] = "to-sidecar", ["APP_API_TOKEN"] = "to-app" });

        Assert.Equal(("to-sidecar", "to-app"), (options.ApiToken, options.AppApiToken));
    }

    [Theory]
    [InlineData("fifty")]
    [InlineData("70000")]
    public void InvalidDaprGrpcPort_IsRefusedNamingTheVariable(string port)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Read(new() { ["DAPR_GRPC_PORT"] = port }));

        Assert.StartsWith($"DAPR_GRPC_PORT is '{port}'", failure.Message, StringComparison.Ordinal);
    }

    private static DaprOptions Read(Dictionary<string, string?> values) =>
        DaprEnvironment.ReadOptions(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
