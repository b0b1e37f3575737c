using System.Globalization;
using System.Text.Json;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

/// <summary>
/// The whole mesh as real processes (Discovery, Specialization, Orchestrator, Rebalancer over a private Redis, the shared
/// PostgreSQL and three LocalClusters, auth on), and the built mcctl run against it as a separate process, reaching each
/// service through the MCCTL_* variables with the mesh's admin key. Its checkpoints go to a private MCCTL_HOME.
/// Tests use their own library names, so they share the mesh without seeing each other's data.
/// </summary>
public sealed class McctlFixture : IAsyncLifetime
{
    private ServiceMesh? _mesh;

    /// <summary>mcctl's build output, as a user would run it (dotnet mcctl.dll).</summary>
    public static string Tool => RepositoryBuild.Output(Path.Combine("tools", "Mcctl"), "mcctl");

    /// <summary>A directory for this run's input files and mcctl's checkpoints.</summary>
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("mcctl-tests-").FullName;

    /// <summary>The variables that point mcctl at this mesh.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["MCCTL_ADDRESS"] = Address("Orchestrator"),
        ["MCCTL_DISCOVERY_ADDRESS"] = Address("Discovery"),
        ["MCCTL_SPECIALIZATION_ADDRESS"] = Address("Specialization"),
        ["MCCTL_REBALANCER_ADDRESS"] = Address("Rebalancer"),
        ["MCCTL_API_KEY"] = ServiceHostProcess.ApiKey,
        ["MCCTL_HOME"] = Path.Combine(WorkDirectory, "home"),
    };

    private ServiceMesh Mesh => _mesh ?? throw new InvalidOperationException("The mesh is not running.");

    public async Task InitializeAsync() =>
        _mesh = await ServiceMesh.StartAsync(LocalClusterSet.DefaultNames, ServiceMesh.AllServices, service => service switch
        {
            // Analyses only when a test asks: a scheduled one could republish a test's library under its feet.
            "Discovery" => [("Discovery__ReanalysisInterval", "0s")],
            "Specialization" => [("Specialization__WatchPollInterval", "250ms"), ("Specialization__CleanupGracePeriod", "1s")],
            "Rebalancer" => [("Rebalancer__WatchPollInterval", "250ms")],
            _ => [],
        });

    /// <summary>Runs mcctl to its end (at most 90 s) with this mesh's variables and <paramref name="args"/>.</summary>
    public async Task<McctlResult> RunAsync(params string[] args)
    {
        var (exitCode, output, errors) = await PeerProcess.RunAsync("dotnet", WorkDirectory, Environment, [Tool, .. args]);
        return new McctlResult(exitCode, output, errors);
    }

    /// <summary>
    /// Starts mcctl without waiting for it, output discarded (for tests that signal it mid-run); the caller disposes it.
    /// SIGINT is reset to its default through env(1): a test runner started in the background (as CI starts ./test.sh)
    /// passes it on ignored, and a process that starts with SIGINT ignored keeps ignoring it, as nohup means it to.
    /// </summary>
    public System.Diagnostics.Process Start(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("env") { WorkingDirectory = WorkDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }

        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A library name no other test uses.</summary>
    public static string NewLibrary(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The path of a new file in the work directory.</summary>
    public string File(string name) => Path.Combine(WorkDirectory, name);

    /// <summary>The library's points as `status LIBRARY` counts them on the clusters, domain by domain.</summary>
    public async Task<ulong> PointCountAsync(string library)
    {
        var status = await RunAsync("status", library, "-o", "json");
        return status.ExitCode == 0
            ? status.Json().GetProperty("domains").EnumerateArray().Aggregate(0UL, (sum, d) => sum + ulong.Parse(d.GetProperty("pointCount").GetString()!, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException(status.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_mesh is not null)
        {
            await _mesh.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    private string Address(string service) => $"http://127.0.0.1:{Mesh.Host(service).GrpcPort}";
}

/// <summary>What one run of mcctl ended with.</summary>
public sealed record McctlResult(int ExitCode, string Output, string Errors)
{
    /// <summary>The last line of stdout as JSON (with --output json every response is one line).</summary>
    public JsonElement Json() => JsonLines()[^1];

    public IReadOnlyList<JsonElement> JsonLines() =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
}
