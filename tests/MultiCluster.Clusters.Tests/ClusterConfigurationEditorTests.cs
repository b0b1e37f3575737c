using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.Clusters.Tests.Configuration;
using Xunit;

namespace MultiCluster.Clusters.Tests;

/// <summary>Changing clusters at run time: validated like start-up, kept in the overrides file, seen after a restart.</summary>
public sealed class ClusterConfigurationEditorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cluster-overrides-" + Guid.NewGuid().ToString("N"));

    private string OverridesPath => Path.Combine(_directory, "clusters.overrides.json");

    [Fact]
    public async Task NewCluster_IsServedAtOnce_AndSurvivesARestart()
    {
        using (var process = Start())
        {
            var (options, created) = await process.Editor.ApplyAsync(Change("eu-1", "https://eu-1.example.net:6333", apiKey: "secret-key-1", region: "eu-west-1"));

            Assert.True(created);
            Assert.Equal("secret-key-1", options.ApiKey);
            Assert.Equal("eu-1", process.Registry.GetCluster("eu-1").Name);
        }

        using var restarted = Start();
        var kept = restarted.Registry.Options.Single(o => o.Name == "eu-1");
        Assert.Equal((new Uri("https://eu-1.example.net:6333/"), "secret-key-1", "eu-west-1"), (kept.Url, kept.ApiKey, kept.Region));
        Assert.Equal(["local-a", "local-b", "local-c", "eu-1"], restarted.Registry.Options.Select(o => o.Name));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task OverridesFile_IsOwnerOnly_BecauseItHoldsKeys()
    {
        using var process = Start();

        await process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000", apiKey: "secret-key-1"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(OverridesPath));
    }

    [Fact]
    public async Task EmptyKey_KeepsTheStoredKey_AndClearRemovesIt()
    {
        using var process = Start();
        await process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000", apiKey: "secret-key-1"));

        var (kept, createdAgain) = await process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7001"));
        var (cleared, _) = await process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7001") with { ClearApiKey = true });

        Assert.False(createdAgain);
        Assert.Equal("secret-key-1", kept.ApiKey);
        Assert.Null(cleared.ApiKey);
    }

    [Fact]
    public async Task ReplacedCluster_GetsANewClient_WhileTheOldOneStaysUsable()
    {
        using var process = Start();
        var before = process.Registry.GetCluster("local-b");

        await process.Editor.ApplyAsync(Change("local-b", "http://127.0.0.1:7002"));

        Assert.NotSame(before, process.Registry.GetCluster("local-b"));
        Assert.Equal(7002, process.Registry.Options.Single(o => o.Name == "local-b").Url.Port);
        Assert.Equal("local-b", before.Name);
        using var restarted = Start();
        Assert.Equal(["local-a", "local-b", "local-c"], restarted.Registry.Options.Select(o => o.Name));
    }

    [Fact]
    public async Task UnwritableOverridesFile_RefusesTheChange_AndNothingChanges()
    {
        Directory.CreateDirectory(OverridesPath);
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterChangeRejectedException>(() => process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000")));

        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(process.Registry.Options, o => o.Name == "eu-1");
    }

    [Fact]
    public async Task IsDefault_MovesTheDefault_AndTheMoveSurvivesARestart()
    {
        using (var process = Start())
        {
            await process.Editor.ApplyAsync(Change("local-c", "http://127.0.0.1:6335", isDefault: true));
            Assert.Equal("local-c", process.Registry.DefaultCluster.Name);
        }

        using var restarted = Start();
        Assert.Equal("local-c", restarted.Registry.DefaultCluster.Name);
    }

    [Fact]
    public async Task UnsettingTheDefault_IsRefused_AndNothingChanges()
    {
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterChangeRejectedException>(() => process.Editor.ApplyAsync(Change("local-a", "http://127.0.0.1:7003")));

        Assert.Contains("set is_default on another cluster first", error.Message, StringComparison.Ordinal);
        Assert.Equal(6333, process.Registry.Options[0].Url.Port);
        Assert.False(File.Exists(OverridesPath));
    }

    [Fact]
    public async Task InvalidChange_ListsEveryProblemByField()
    {
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterConfigurationException>(() => process.Editor.ApplyAsync(Change("EU 1", "ftp://x", apiKey: "k") with { ClearApiKey = true }));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("cluster.name: 'EU 1' is not a cluster name", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("cluster.url: 'ftp://x' is not an http(s) URL", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("cluster.api_key: set together with clear_api_key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateConnectivity_RefusesAClusterThatDoesNotAnswer()
    {
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterChangeRejectedException>(() => process.Editor.ApplyAsync(Change("eu-1", $"http://127.0.0.1:{MultiCluster.TestInfrastructure.FreePort.Next()}") with { ValidateConnectivity = true }));

        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(process.Registry.Options, o => o.Name == "eu-1");
    }

    [Fact]
    public async Task WithoutAnOverridesFile_ChangesAreRefused_SayingHowToEnableThem()
    {
        var options = ClusterConfigurationLoader.Load(EnvironmentVariables.Of());
        using var registry = new ClusterRegistry(options, Qdrant(options));
        using var editor = new ClusterConfigurationEditor(registry, null, Qdrant(options));

        var error = await Assert.ThrowsAsync<ClusterChangeRejectedException>(() => editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000")));

        Assert.Contains(ClusterOverridesFile.PathKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptOverridesFile_StopsTheStart_NamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(OverridesPath, """{"clusters":[{"name":"eu-1","url":"not a url"}]}""");

        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Load(EnvironmentVariables.Of((ClusterOverridesFile.PathKey, OverridesPath))));

        Assert.Contains($"{OverridesPath}: clusters[0].url: 'not a url'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ClusterChange Change(string name, string url, string apiKey = "", string region = "", bool isDefault = false) =>
        new(name, url, apiKey, ClearApiKey: false, region, CapacityPoints: 0, CapacityBytes: 0, isDefault, Draining: false, ValidateConnectivity: false);

    private static Func<ClusterOptions, IVectorCluster> Qdrant(VectorClustersOptions options) => o => new QdrantRestCluster(o, options.Retry);

    // A service process as far as clusters go: configuration loaded from the repository defaults plus the overrides file.
    private Process Start()
    {
        var configuration = EnvironmentVariables.Of((ClusterOverridesFile.PathKey, OverridesPath));
        var options = ClusterConfigurationLoader.Load(configuration);
        var registry = new ClusterRegistry(options, Qdrant(options));
        return new Process(registry, new ClusterConfigurationEditor(registry, ClusterConfigurationLoader.OverridesFile(configuration), Qdrant(options)));
    }

    private sealed record Process(ClusterRegistry Registry, ClusterConfigurationEditor Editor) : IDisposable
    {
        public void Dispose()
        {
            Editor.Dispose();
            Registry.Dispose();
        }
    }
}
