using System.Net;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>The node as an executable: its command line, its one line of stdout, and a clean stop.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Start_PrintsExactlyOneLineOnStdout_AndServes()
    {
        using var data = new TempDirectory();
        await using var node = await NodeProcess.StartAsync(data.Path);
        using var http = new QdrantHttp(node.Address);

        var reply = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal($"listening {node.Address.Port} grpc {node.GrpcAddress.Port}", node.Output.Trim());
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--data", "/tmp/x")]
    [InlineData("--port", "70000", "--data", "/tmp/x")]
    [InlineData("--port", "0", "--data", "/tmp/x", "--snapshot-every", "0")]
    [InlineData("--port", "0", "--data", "/tmp/x", "--colour", "blue")]
    [InlineData("--port", "6400", "--grpc-port", "6400", "--data", "/tmp/x")]
    [InlineData("--port", "65535", "--data", "/tmp/x")]
    public async Task BadCommandLine_ExitsWith2_AndPrintsUsageOnStderr(params string[] arguments)
    {
        var (exitCode, output, errors) = await PeerProcess.RunAsync("dotnet", Path.GetDirectoryName(NodeProcess.Dll)!, new Dictionary<string, string>(), [NodeProcess.Dll, .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.Trim());
        Assert.Contains("usage: dotnet LocalCluster.dll --port N --data DIR", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgedWrites_SurviveARestart()
    {
        using var data = new TempDirectory();
        await using (var first = await NodeProcess.StartAsync(data.Path))
        {
            using var http = new QdrantHttp(first.Address);
            await http.PutAsync("/collections/kept", """{"vectors":{"size":2,"distance":"Dot"}}""");
            await http.PutAsync("/collections/kept/points?wait=true", """{"points":[{"id":1,"vector":[0.5,0.25],"payload":{"k":"v"}}]}""");
            await http.PostAsync("/collections/aliases", """{"actions":[{"create_alias":{"collection_name":"kept","alias_name":"k"}}]}""");
        }

        await using var second = await NodeProcess.StartAsync(data.Path);
        using var again = new QdrantHttp(second.Address);
        var point = (await again.GetAsync("/collections/k/points/1")).Result;

        Assert.Equal("""{"k":"v"}""", point.GetProperty("payload").GetRawText());
        Assert.Equal("[0.5,0.25]", point.GetProperty("vector").GetRawText());
    }
}
