using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>Clients nobody here wrote, against our runtime as the server: @grpc/grpc-js and python3-grpcio (Debian's, under /usr/bin/python3).</summary>
public sealed class PeerClientsToOurServerTests(OurServerFixture fixture) : IClassFixture<OurServerFixture>
{
    private static readonly Dictionary<string, string[]> Clients = new()
    {
        ["grpc-js"] = ["node", "interop-client.js"],
        ["grpcio"] = ["/usr/bin/python3", "interop_client.py"],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in Clients.Keys)
        {
            foreach (var testCase in InteropClient.TestCases)
            {
                data.Add(client, testCase);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_Passes(string client, string testCase)
    {
        var command = Clients[client];

        var (exitCode, output, errors) = await PeerProcess.RunAsync(
            command[0], command[1], "--server_host", "127.0.0.1", "--server_port", fixture.Server.Port.ToString(), "--test_case", testCase);

        Assert.True(exitCode == 0, $"{client} client failed {testCase} (exit {exitCode}): {errors}{output}");
        Assert.Contains($"PASS {testCase}", output, StringComparison.Ordinal);
    }
}
