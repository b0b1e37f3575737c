using System.Text.RegularExpressions;
using Grpc.Health.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>
/// The metric names each service exports, read once from a running mesh: the four services as real processes (as
/// run.sh starts them) over a private PostgreSQL, Redis and one local cluster, each after one gRPC call (so the RPC
/// instruments have a sample) and one readiness probe (so the cluster gauges have one).
/// </summary>
public sealed partial class ExportedMetrics : IAsyncLifetime
{
    private readonly Dictionary<string, HashSet<string>> _byService = new(StringComparer.Ordinal);
    private ServiceMesh? _mesh;

    public IReadOnlyDictionary<string, HashSet<string>> ByService => _byService;

    public async Task InitializeAsync()
    {
        _mesh = await ServiceMesh.StartAsync(["local-a"], ServiceMesh.AllServices);
        using var http = new HttpClient();
        foreach (var service in Repository.Services)
        {
            var host = _mesh.Host(service.Project);
            await new Health.HealthClient(host.CallInvoker).CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();
            var text = await Eventually.ValueAsync(
                () => http.GetStringAsync(new Uri($"http://127.0.0.1:{host.HttpPort}/metrics")),
                body => body.Contains("rpc_server_calls_total", StringComparison.Ordinal) && body.Contains("vector_cluster_up", StringComparison.Ordinal),
                $"{service.Name}'s /metrics to show its RPC and cluster metrics", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));
            _byService[service.Name] = Names(text);
        }
    }

    public async Task DisposeAsync()
    {
        if (_mesh is not null)
        {
            await _mesh.DisposeAsync();
        }
    }

    // Sample lines of the exposition format: the name is everything before "{" or the first space.
    private static HashSet<string> Names(string exposition) =>
        exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleName().Match(l).Value).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
