using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.Clusters.Tests.Configuration;
using MultiCluster.TestInfrastructure;
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

        Assert.Contains("make another cluster default first", error.Message, StringComparison.Ordinal);
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

        var error = await Assert.ThrowsAsync<ClusterChangeRejectedException>(() => process.Editor.ApplyAsync(Change("eu-1", $"http://127.0.0.1:{FreePort.Next()}") with { ValidateConnectivity = true }));

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

    [Fact]
    public async Task UpdatingTheDefaultCluster_DoesNotPinTheDefault_AgainstALaterConfigurationChange()
    {
        using (var process = Start())
        {
            await process.Editor.ApplyAsync(Change("local-a", "http://127.0.0.1:7010", isDefault: true));
        }

        using var restarted = Start(("CLUSTERS_DEFAULT", "local-b"));

        Assert.Equal("local-b", restarted.Registry.DefaultCluster.Name);
        Assert.Equal(7010, restarted.Registry.Options.Single(o => o.Name == "local-a").Url.Port);
    }

    [Fact]
    public async Task UpdateKeepsTheClustersTimeoutsAndThresholds_WhichTheRequestDoesNotCarry()
    {
        using (var process = Start(("CLUSTERS__LOCAL_B__TIMEOUT_MS", "1234"), ("CLUSTERS__LOCAL_B__DEGRADED_MEMORY_BYTES", "5000"), ("CLUSTERS__LOCAL_B__DEGRADED_LATENCY_MS", "300")))
        {
            var (updated, _) = await process.Editor.ApplyAsync(Change("local-b", "http://127.0.0.1:7011") with { Draining = true });

            Assert.Equal((TimeSpan.FromMilliseconds(1234), 5000L, TimeSpan.FromMilliseconds(300), true), (updated.Timeout, updated.DegradedMemoryBytes, updated.DegradedLatency, updated.Draining));
        }

        using var restarted = Start();
        var kept = restarted.Registry.Options.Single(o => o.Name == "local-b");
        Assert.Equal((TimeSpan.FromMilliseconds(1234), 5000L, true), (kept.Timeout, kept.DegradedMemoryBytes, kept.Draining));
    }

    [Fact]
    public async Task ConcurrentChanges_AreEachKept()
    {
        using (var process = Start())
        {
            await Task.WhenAll(Enumerable.Range(1, 12).Select(i => process.Editor.ApplyAsync(Change($"eu-{i}", $"http://127.0.0.1:{7100 + i}")))).Within();
        }

        using var restarted = Start();

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"eu-{i}").Order(), restarted.Registry.Options.Skip(3).Select(o => o.Name).Order());
    }

    [Fact]
    public async Task MissingNameAndUrl_AreEachReportedByField()
    {
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterConfigurationException>(() => process.Editor.ApplyAsync(Change("", "")));

        Assert.Contains(error.Problems, p => p.StartsWith("cluster.name: missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("cluster.url: missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CapacityBeyondWhatAClusterTakes_IsReported_NotCut()
    {
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterConfigurationException>(() => process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000") with { CapacityPoints = ulong.MaxValue }));

        Assert.StartsWith("cluster.capacity_points: '18446744073709551615' is not a whole number", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlWithCredentials_IsRefused_SoTheyNeverReachALog()
    {
        using var process = Start();

        var error = await Assert.ThrowsAsync<ClusterConfigurationException>(() => process.Editor.ApplyAsync(Change("eu-1", "https://admin:hunter2@eu-1.example.net:6333")));

        Assert.StartsWith("cluster.url: the URL carries credentials", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task OverridesFile_IsOwnerOnly_EvenWhenACrashLeftAnOpenTempFileBehind()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(OverridesPath + ".tmp", "half a file");
        File.SetUnixFileMode(OverridesPath + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var process = Start();

        await process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000", apiKey: "secret-key-1"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(OverridesPath));
        Assert.False(File.Exists(OverridesPath + ".tmp"));
    }

    [Fact]
    public async Task OverridesFileBrokenByHandWhileRunning_RefusesTheChange_InsteadOfOverwritingIt()
    {
        using var process = Start();
        await process.Editor.ApplyAsync(Change("eu-1", "http://127.0.0.1:7000"));
        File.WriteAllText(OverridesPath, """{"clusters": [{"name": "eu-1", "urll": "http://127.0.0.1:7000"}]}""");

        var error = await Assert.ThrowsAsync<ClusterChangeRejectedException>(() => process.Editor.ApplyAsync(Change("eu-2", "http://127.0.0.1:7001")));

        Assert.Contains($"{OverridesPath}: clusters[0].urll: unknown key", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"urll\"", File.ReadAllText(OverridesPath), StringComparison.Ordinal);
        Assert.DoesNotContain(process.Registry.Options, o => o.Name == "eu-2");
    }

    [Fact]
    public void OverridesFileThatIsNotJson_StopsTheStart_NamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(OverridesPath, """{"clusters": [{"name": "eu-1", "url": """);

        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Load(EnvironmentVariables.Of((ClusterOverridesFile.PathKey, OverridesPath))));

        Assert.StartsWith($"{OverridesPath}: line ", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    private static ClusterChange Change(string name, string url, string apiKey = "", string region = "", bool isDefault = false) =>
        new(name, url, apiKey, ClearApiKey: false, region, CapacityPoints: 0, CapacityBytes: 0, isDefault, Draining: false, ValidateConnectivity: false);

    private static Func<ClusterOptions, IVectorCluster> Qdrant(VectorClustersOptions options) => o => new QdrantCluster(o, options.Retry);

    // A service process as far as clusters go: configuration loaded from the repository defaults plus the overrides file.
    private Process Start(params (string Name, string Value)[] environment)
    {
        var configuration = EnvironmentVariables.Of([(ClusterOverridesFile.PathKey, OverridesPath), .. environment]);
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
