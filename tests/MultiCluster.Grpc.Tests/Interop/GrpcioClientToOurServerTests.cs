using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>python3-grpcio (Debian's, under /usr/bin/python3) as the client, our runtime as the server.</summary>
public sealed class GrpcioClientToOurServerTests(OurServerFixture fixture) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task InteropCase_Passes(string testCase)
    {
        var (exitCode, output, errors) = await PeerProcess.RunAsync(
            "/usr/bin/python3", "interop_client.py", "--server_host", "127.0.0.1", "--server_port", fixture.Server.Port.ToString(), "--test_case", testCase);

        Assert.True(exitCode == 0, $"grpcio client failed {testCase} (exit {exitCode}): {errors}{output}");
        Assert.Contains($"PASS {testCase}", output, StringComparison.Ordinal);
    }
}
