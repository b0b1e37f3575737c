using System.Reflection;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.TestInfrastructure;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>
/// The cluster the contract suite runs against, always through the Qdrant.Client adapter: a real Qdrant when
/// QDRANT_URL (its REST URL) is set, with QDRANT_GRPC_URL for its gRPC API (default: the REST port + 1, Qdrant's 6334
/// beside 6333) and QDRANT_API_KEY when it needs one; else a real Qdrant in Docker (<see cref="QdrantContainer"/>)
/// when a Docker engine answers; otherwise tools/LocalCluster started as a process on free ports (REST and gRPC)
/// with a temporary data directory and an API key. The assertions are the same either way; the test log says which
/// it is, and why the Docker path was skipped. Collections are named per test and dropped at the end,
/// so a shared Qdrant is left as it was found.
/// </summary>
public sealed class ClusterUnderTest(IMessageSink log) : IAsyncLifetime
{
    private readonly List<string> _collections = [];
    private PeerProcess? _process;
    private QdrantContainer? _container;
    private string? _dataDirectory;
    private QdrantCluster? _adapter;

    /// <summary>The port under test; the suite sees nothing of the adapter behind it.</summary>
    public IVectorCluster Cluster => _adapter ?? throw new InvalidOperationException("The cluster under test has not started.");

    public ClusterOptions Options { get; private set; } = null!;

    /// <summary>What the suite runs against, for messages.</summary>
    public string Target { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (System.Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url)
        {
            var grpcUrl = System.Environment.GetEnvironmentVariable("QDRANT_GRPC_URL") is { Length: > 0 } grpc ? new Uri(grpc) : null;
            Options = Configure(new Uri(url.EndsWith('/') ? url : url + "/"), grpcUrl, System.Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null);
            Target = $"Qdrant at {url} (gRPC {Options.EffectiveGrpcUrl})";
        }
        else if (await DockerEngine.WhyNotAsync() is not { } whyNoDocker)
        {
            var apiKey = $"contract-{Guid.NewGuid():N}";
            _container = await QdrantContainer.StartAsync(apiKey);
            Options = Configure(_container.Url, _container.GrpcUrl, apiKey);
            Target = $"Qdrant in Docker ({_container.Image}) at {_container.Url} (gRPC {_container.GrpcUrl})";
        }
        else
        {
            log.OnMessage(new DiagnosticMessage($"Cluster contract suite: the real-Qdrant path (Testcontainers, qdrant/qdrant) is skipped: {whyNoDocker}. Set QDRANT_URL to use a running Qdrant."));
            var apiKey = $"contract-{Guid.NewGuid():N}";
            var (port, grpcPort) = await StartLocalClusterAsync(apiKey);
            Options = Configure(new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{grpcPort}/"), apiKey);
            Target = $"LocalCluster on ports {port} (REST) and {grpcPort} (gRPC)";
        }

        _adapter = Connect();
        log.OnMessage(new DiagnosticMessage($"Cluster contract suite runs against {Target}."));
    }

    /// <summary>A client of the same cluster with other credentials (null for none).</summary>
    public QdrantCluster Connect(string? apiKey) => new(Options with { ApiKey = apiKey }, new RetryOptions { MaxRetries = 0 });

    /// <summary>A fresh collection name, dropped when the suite ends.</summary>
    public string NewCollectionName(string purpose)
    {
        var name = $"ct_{purpose}_{Guid.NewGuid():N}";
        lock (_collections)
        {
            _collections.Add(name);
        }

        return name;
    }

    /// <summary>Creates a fresh collection of the given shape and returns its name.</summary>
    public async Task<string> NewCollectionAsync(string purpose, int vectorSize, Distance distance)
    {
        var name = NewCollectionName(purpose);
        await Cluster.CreateCollectionAsync(new CollectionSpec(name, vectorSize, distance)).Within();
        return name;
    }

    public async Task DisposeAsync()
    {
        if (_adapter is not null)
        {
            foreach (var collection in _collections)
            {
                try
                {
                    await _adapter.DropCollectionAsync(collection).Within();
                }
                catch (VectorClusterException)
                {
                    // Best effort: the suite's verdict does not depend on cleanup.
                }
            }

            _adapter.Dispose();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync().AsTask().Within();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync().AsTask().Within();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private QdrantCluster Connect() => new(Options, new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(50) });

    private static ClusterOptions Configure(Uri url, Uri? grpcUrl, string? apiKey) => new()
    {
        Name = "contract",
        Url = url,
        GrpcUrl = grpcUrl,
        ApiKey = apiKey,
        Region = "test",
        Timeout = TimeSpan.FromSeconds(10),
        SnapshotTimeout = TimeSpan.FromSeconds(60),
    };

    private async Task<(int Port, int GrpcPort)> StartLocalClusterAsync(string apiKey)
    {
        var dll = typeof(ClusterUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LocalClusterDll").Value!;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"LocalCluster is not built at {dll}: build tools/LocalCluster (the test project references it, so building the tests builds it), or set QDRANT_URL to run against a real Qdrant.");
        }

        _dataDirectory = Path.Combine(Path.GetTempPath(), $"localcluster-contract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDirectory);
        _process = PeerProcess.Start("dotnet", _dataDirectory, new Dictionary<string, string>(), dll, "--port", "0", "--grpc-port", "0", "--data", Path.Combine(_dataDirectory, "data"), "--api-key", apiKey);
        return LocalClusterPorts.Parse(await _process.WaitForLineAsync("listening "));
    }
}

/// <summary>One cluster process for the whole contract suite.</summary>
[CollectionDefinition(Name)]
public sealed class ContractSuite : ICollectionFixture<ClusterUnderTest>
{
    public const string Name = "cluster contract";
}
