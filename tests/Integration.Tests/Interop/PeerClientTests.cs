using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests.Interop;

/// <summary>
/// Clients nobody here wrote, @grpc/grpc-js and python3-grpcio (Debian's, under /usr/bin/python3), calling a real
/// service host as the services configure it (auth on, Grpc.AspNetCore's limits, grpc.health.v1): each case in
/// peers/grpcjs-peer.js and peers/grpcio_peer.py says what it checks.
/// </summary>
public sealed class PeerClientTests(MeshFixture mesh) : IClassFixture<MeshFixture>
{
    private const string Host = "Discovery";

    private static readonly Dictionary<string, string[]> Clients = new()
    {
        ["grpc-js"] = ["node", "grpcjs-peer.js"],
        ["grpcio"] = ["/usr/bin/python3", "grpcio_peer.py"],
    };

    private static readonly string[] Cases = ["no_key", "with_key", "message_too_large", "health_watch", "streaming_deadline"];

    public static TheoryData<string, string> ClientCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in Clients.Keys)
        {
            foreach (var testCase in Cases)
            {
                data.Add(client, testCase);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ClientCases))]
    public async Task PeerClient_PassesCase(string client, string testCase)
    {
        var command = Clients[client];

        var (exitCode, output, errors) = await PeerProcess.RunAsync(
            command[0], command[1], "--target", mesh.Hosts[Host].Target, "--protos", Path.Combine(RepositoryBuild.Root, "protos"),
            "--case", testCase, "--key", ServiceHost.ApiKey, "--service", "library.v1.DiscoveryService");

        Assert.True(exitCode == 0, $"{client} failed {testCase} (exit {exitCode}): {errors}{output}");
        Assert.Contains($"PASS {testCase}", output, StringComparison.Ordinal);
    }
}
