using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// The cluster administration RPCs every service hosts, over the cluster registry; each service answers for its own
/// view of the clusters. SyncAcrossClusters needs routing tables, so only a host that registers an
/// <see cref="IClusterSynchronizer"/> (Specialization) answers it; the others say UNIMPLEMENTED and where to call.
/// </summary>
public sealed class ClusterAdminService(IClusterRegistry registry, ClusterConfigurationEditor editor, IClusterSynchronizer? synchronizer = null)
    : V1.ClusterAdminService.ClusterAdminServiceBase
{
    // A health probe that needs longer than this is not a probe; the bound also keeps every budget within what a
    // timer can wait (about 24.8 days), which timeout_ms, a uint32, would otherwise exceed.
    private const uint MaxProbeTimeoutMs = 300_000;

    public override Task<GetClusterConfigResponse> GetClusterConfig(GetClusterConfigRequest request, ServerCallContext context)
    {
        var snapshot = registry.Current;
        var response = new GetClusterConfigResponse();
        response.Clusters.Add(Selected(snapshot, "name", request.Name.Length == 0 ? [] : [request.Name]).Select(o => ClusterAdminConversions.ToConfig(o, snapshot.DefaultClusterName)));
        return Task.FromResult(response);
    }

    public override async Task<HealthCheckClustersResponse> HealthCheckClusters(HealthCheckClustersRequest request, ServerCallContext context)
    {
        if (request.TimeoutMs > MaxProbeTimeoutMs)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"timeout_ms: {request.TimeoutMs} is above the longest probe allowed, {MaxProbeTimeoutMs} ms (5 minutes); give 1 to {MaxProbeTimeoutMs}, or 0 for the default of {ClusterProbes.DefaultProbeTimeout.TotalMilliseconds:0} ms."));
        }

        var snapshot = registry.Current;
        var selected = Selected(snapshot, "names", [.. request.Names.Distinct(StringComparer.Ordinal)]);
        var budget = request.TimeoutMs == 0 ? ClusterProbes.DefaultProbeTimeout : TimeSpan.FromMilliseconds(request.TimeoutMs);
        var results = await Task.WhenAll(selected.Select(o => ClusterProbes.ProbeAsync(snapshot, o, budget, context.CancellationToken)));
        var response = new HealthCheckClustersResponse();
        response.Clusters.Add(results.Zip(selected, ClusterAdminConversions.ToHealth));
        response.Overall = response.Clusters.Count == 0 ? HealthStatus.Unspecified : response.Clusters.Max(c => c.Status);
        return response;
    }

    public override Task<GetGlobalMetricsResponse> GetGlobalMetrics(GetGlobalMetricsRequest request, ServerCallContext context)
    {
        var snapshot = registry.Current;
        return ClusterProbes.GlobalAsync(snapshot, All(snapshot), context.CancellationToken);
    }

    /// <summary>
    /// Adds or replaces a cluster in this service only: validated like clusters.yaml at start, optionally probed, kept
    /// in the service's CLUSTERS_OVERRIDES_FILE before it takes effect (FAILED_PRECONDITION when that is not set), and
    /// answered without the API key. Propagating the change to the other services is out of scope: each keeps its own
    /// view until it is changed too (or clusters.yaml is edited and the services restarted).
    /// </summary>
    public override async Task<SetClusterConfigResponse> SetClusterConfig(SetClusterConfigRequest request, ServerCallContext context)
    {
        if (request.Cluster is not { } cluster)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "cluster: missing (expected the cluster's configuration with at least name and url)."));
        }

        var change = new ClusterChange(cluster.Name, cluster.Url, cluster.ApiKey, request.ClearApiKey, cluster.Region,
            cluster.CapacityPoints, cluster.CapacityBytes, cluster.IsDefault, cluster.Draining, request.ValidateConnectivity);
        try
        {
            var (options, created) = await editor.ApplyAsync(change, context.CancellationToken);
            return new SetClusterConfigResponse { Cluster = ClusterAdminConversions.ToConfig(options, registry.Current.DefaultClusterName), Created = created };
        }
        catch (ClusterConfigurationException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Invalid cluster configuration: " + string.Join("; ", e.Problems) + "."));
        }
        catch (ClusterChangeRejectedException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
    }

    // The clusters a request names, or all of them when it names none. The names a caller gave are quoted short and few: a request may carry thousands of them, each of any length.
    private static List<ClusterOptions> Selected(ClusterSnapshot snapshot, string field, string[] names)
    {
        const int MaxNamesQuoted = 5;
        var unknown = names.Where(n => !snapshot.TryGetCluster(n, out _)).ToList();
        if (unknown.Count > 0)
        {
            var quoted = string.Join(", ", unknown.Take(MaxNamesQuoted).Select(ShortText.Quote));
            var more = unknown.Count > MaxNamesQuoted ? $" and {unknown.Count - MaxNamesQuoted:N0} more" : "";
            throw new RpcException(new Status(StatusCode.NotFound,
                $"{field}: no cluster named {quoted}{more}. Configured clusters: {string.Join(", ", snapshot.Names)}."));
        }

        return names.Length == 0 ? All(snapshot) : All(snapshot).Where(o => names.Contains(o.Name)).ToList();
    }

    // Ordered by name, as the contract promises for every list this service answers.
    private static List<ClusterOptions> All(ClusterSnapshot snapshot) => snapshot.Options.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();

    public override Task<SyncAcrossClustersResponse> SyncAcrossClusters(SyncAcrossClustersRequest request, ServerCallContext context) =>
        synchronizer?.SyncAsync(request, context.CancellationToken)
        ?? throw new RpcException(new Status(StatusCode.Unimplemented,
            "SyncAcrossClusters is answered by the Specialization service, which owns the routing tables; call it on the Specialization host."));
}
