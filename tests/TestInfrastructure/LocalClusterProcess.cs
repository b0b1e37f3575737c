namespace MultiCluster.TestInfrastructure;

/// <summary>
/// tools/LocalCluster (the Qdrant stand-in) as its own process on free ports with a private data directory, which
/// survives <see cref="Kill"/> and <see cref="StartAgainAsync"/> (a cluster that went down and came back) and is
/// deleted on dispose.
/// </summary>
public sealed class LocalClusterProcess : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "localcluster-" + Guid.NewGuid().ToString("N"));
    private PeerProcess? _process;

    private LocalClusterProcess()
    {
    }

    /// <summary>REST base URL, e.g. http://127.0.0.1:6333/.</summary>
    public Uri RestUrl { get; private set; } = null!;

    /// <summary>gRPC base URL.</summary>
    public Uri GrpcUrl { get; private set; } = null!;

    public static async Task<LocalClusterProcess> StartAsync()
    {
        var cluster = new LocalClusterProcess();
        Directory.CreateDirectory(cluster._data);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>The environment entries that configure this cluster as <paramref name="name"/> in a service (CLUSTERS__NAME__URL, ...).</summary>
    public IEnumerable<(string Key, string Value)> Settings(string name)
    {
        var key = "CLUSTERS__" + name.ToUpperInvariant().Replace('-', '_');
        yield return (key + "__URL", RestUrl.ToString().TrimEnd('/'));
        yield return (key + "__GRPC_URL", GrpcUrl.ToString().TrimEnd('/'));
    }

    /// <summary>Kills the cluster at once, as a crash would; its data stays for <see cref="StartAgainAsync"/>.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Stops the cluster (SIGSTOP) until <see cref="ThawAsync"/>: calls to it hang instead of failing, as with a hung server.</summary>
    public Task FreezeAsync() => (_process ?? throw new InvalidOperationException("The cluster is not running.")).SignalAsync("STOP");

    /// <summary>Lets a frozen cluster run again (SIGCONT); what was sent meanwhile is answered now.</summary>
    public Task ThawAsync() => (_process ?? throw new InvalidOperationException("The cluster is not running.")).SignalAsync("CONT");

    /// <summary>Starts it (again) on its data directory, on the same ports when it ran before, and waits until it serves.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        var assembly = RepositoryBuild.Output(Path.Combine("tools", "LocalCluster"), "LocalCluster");
        var (port, grpcPort) = _process is null ? FreePort.NextPair() : (RestUrl.Port, GrpcUrl.Port);
        _process = PeerProcess.Start("dotnet", Path.GetDirectoryName(assembly)!, new Dictionary<string, string>(), assembly,
            "--port", $"{port}", "--grpc-port", $"{grpcPort}", "--data", _data);
        var (listening, listeningGrpc) = LocalClusterPorts.Parse(await _process.WaitForLineAsync("listening "));
        RestUrl = new Uri($"http://127.0.0.1:{listening}/");
        GrpcUrl = new Uri($"http://127.0.0.1:{listeningGrpc}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
