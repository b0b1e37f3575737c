using MultiCluster.TestInfrastructure;
using Xunit;

namespace Integration.Tests;

/// <summary>
/// What <c>./run.sh --demo</c> runs (tools/Demo), against the mesh as real processes: three clusters, Discovery,
/// Specialization and the Orchestrator. A smaller run than the default (2,000 images, 5 domains) keeps it quick.
/// </summary>
public sealed class DemoTests
{
    private static readonly string Demo = RepositoryBuild.Output(Path.Combine("tools", "Demo"), "demo");

    [Fact]
    public async Task TheDemo_FindsAndPlacesTheDomainsOfFashionMnist_AndItsRoutedSearchesFindTheExactNeighbours()
    {
        await using var mesh = await ServiceMesh.StartAsync(LocalClusterSet.DefaultNames, ["Discovery", "Specialization", "Orchestrator"]);
        string Address(string service) => $"http://127.0.0.1:{mesh.Host(service).GrpcPort}";

        var (exitCode, output, errors) = await RunDemoAsync(
            "--orchestrator", Address("Orchestrator"), "--discovery", Address("Discovery"), "--specialization", Address("Specialization"),
            "--api-key", ServiceHostProcess.ApiKey, "--images", "2000", "--domains", "5", "--queries", "10", "--min-recall", "0.8", "--step-timeout", "240");

        Assert.True(exitCode == 0, $"the demo exited {exitCode}: {errors}\n{output}");
        Assert.Contains("2,000 / 2,000 points written", output, StringComparison.Ordinal);
        Assert.Matches(@"map v\d+: 5 domains", output);
        Assert.Contains("0 migration(s) running", output, StringComparison.Ordinal);
        Assert.Contains("0 points left in unassigned", output, StringComparison.Ordinal);
        // The placement table names a primary among the three clusters.
        Assert.Contains(LocalClusterSet.DefaultNames, c => output.Contains("  " + c + " ", StringComparison.Ordinal));
        Assert.Matches(@"mean recall@10 (0\.[89]\d\d|1\.000) against exhaustive search", output);
    }

    [Fact]
    public async Task WithNoMeshRunning_TheDemoSaysWhichAddressItTried_AndHowToStartTheMesh()
    {
        var nothing = $"http://127.0.0.1:{FreePort.Next()}";

        var (exitCode, _, errors) = await RunDemoAsync("--orchestrator", nothing, "--images", "10", "--step-timeout", "10");

        Assert.Equal(1, exitCode);
        Assert.Contains(nothing, errors, StringComparison.Ordinal);
        Assert.Contains("./run.sh", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadOption_IsRefusedWithTheRangeItTakes()
    {
        var (exitCode, _, errors) = await RunDemoAsync("--domains", "1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--domains must be between 2 and 64", errors, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunDemoAsync(params string[] arguments) =>
        PeerProcess.RunAsync("dotnet", RepositoryBuild.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(8), [Demo, .. arguments]);
}
