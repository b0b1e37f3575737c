using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// The cluster administration RPCs every service hosts, over the cluster registry; each service answers for its own
/// view of the clusters. SyncAcrossClusters comes with the Specialization service and answers UNIMPLEMENTED until then.
/// </summary>
public sealed class ClusterAdminService(IClusterRegistry registry, ClusterConfigurationEditor editor) : V1.ClusterAdminService.ClusterAdminServiceBase
{
    public override Task<GetClusterConfigResponse> GetClusterConfig(GetClusterConfigRequest request, ServerCallContext context)
    {
        var snapshot = registry.Current;
        var response = new GetClusterConfigResponse();
        response.Clusters.Add(Selected(snapshot, request.Name.Length == 0 ? [] : [request.Name]).Select(o => ClusterAdminConversions.ToConfig(o, snapshot.DefaultClusterName)));
        return Task.FromResult(response);
    }

    public override async Task<HealthCheckClustersResponse> HealthCheckClusters(HealthCheckClustersRequest request, ServerCallContext context)
    {
        var snapshot = registry.Current;
        var selected = Selected(snapshot, [.. request.Names]);
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
        return ClusterProbes.GlobalAsync(snapshot, Selected(snapshot, []), context.CancellationToken);
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

    // Ordered by name, as the contract promises for every list this service answers.
    private static List<ClusterOptions> Selected(ClusterSnapshot snapshot, string[] names)
    {
        var unknown = names.Where(n => !snapshot.TryGetCluster(n, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound,
                $"No cluster named {string.Join(", ", unknown.Select(n => $"'{n}'"))}. Configured clusters: {string.Join(", ", snapshot.Names)}."));
        }

        return snapshot.Options.Where(o => names.Length == 0 || names.Contains(o.Name)).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
    }
}
