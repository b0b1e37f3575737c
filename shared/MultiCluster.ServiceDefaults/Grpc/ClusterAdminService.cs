using Google.Protobuf.WellKnownTypes;
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
        var response = new GetClusterConfigResponse();
        response.Clusters.Add(Selected(request.Name.Length == 0 ? [] : new[] { request.Name }).Select(o => ClusterAdminConversions.ToConfig(o, registry)));
        return Task.FromResult(response);
    }

    public override async Task<HealthCheckClustersResponse> HealthCheckClusters(HealthCheckClustersRequest request, ServerCallContext context)
    {
        var selected = Selected(request.Names);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(request.TimeoutMs == 0 ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(request.TimeoutMs));
        var results = await Task.WhenAll(selected.Select(o => registry.GetCluster(o.Name).CheckHealthAsync(timeout.Token)));
        var response = new HealthCheckClustersResponse();
        response.Clusters.Add(results.Zip(selected, ClusterAdminConversions.ToHealth));
        response.Overall = response.Clusters.Count == 0 ? HealthStatus.Unspecified : response.Clusters.Max(c => c.Status);
        return response;
    }

    public override async Task<GetGlobalMetricsResponse> GetGlobalMetrics(GetGlobalMetricsRequest request, ServerCallContext context)
    {
        var totals = await Task.WhenAll(registry.Options.Select(o => TotalsAsync(o, context.CancellationToken)));
        var response = new GetGlobalMetricsResponse
        {
            ClusterCount = (uint)totals.Length,
            HealthyClusterCount = (uint)totals.Count(t => t.Totals.Health == HealthStatus.Healthy),
            PointCount = (ulong)totals.Sum(t => (long)t.Totals.PointCount),
            SizeBytes = (ulong)totals.Sum(t => (long)t.Totals.SizeBytes),
            CapacityPoints = (ulong)registry.Options.Sum(o => o.CapacityPoints),
            CapacityBytes = (ulong)registry.Options.Sum(o => o.CapacityBytes),
            CollectionCount = (uint)totals.Sum(t => t.Totals.CollectionCount),
            LibraryCount = (uint)totals.SelectMany(t => t.Libraries).Distinct(StringComparer.Ordinal).Count(),
            CollectedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        response.Clusters.Add(totals.Select(t => t.Totals));
        return response;
    }

    /// <summary>
    /// Adds or replaces a cluster in this service (kept in its CLUSTERS_OVERRIDES_FILE); other services keep their
    /// own view until they are changed too.
    /// </summary>
    public override async Task<SetClusterConfigResponse> SetClusterConfig(SetClusterConfigRequest request, ServerCallContext context)
    {
        if (request.Cluster is not { } cluster)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "cluster: missing (expected the cluster's configuration with at least name and url)."));
        }

        var change = new ClusterChange(cluster.Name, cluster.Url, cluster.ApiKey, request.ClearApiKey, cluster.Region,
            (long)Math.Min(cluster.CapacityPoints, long.MaxValue), (long)Math.Min(cluster.CapacityBytes, long.MaxValue),
            cluster.IsDefault, cluster.Draining, request.ValidateConnectivity);
        try
        {
            var (options, created) = await editor.ApplyAsync(change, context.CancellationToken);
            return new SetClusterConfigResponse { Cluster = ClusterAdminConversions.ToConfig(options, registry), Created = created };
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

    private async Task<(ClusterTotals Totals, IEnumerable<string> Libraries)> TotalsAsync(ClusterOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var stats = await registry.GetCluster(options.Name).GetStatsAsync(cancellationToken);
            return (ClusterAdminConversions.ToTotals(options, stats, HealthStatus.Healthy), stats.Collections.Select(c => LibraryOf(c.Name)));
        }
        catch (VectorClusterException)
        {
            return (ClusterAdminConversions.ToTotals(options, null, HealthStatus.Down), []);
        }
    }

    // Collections are "{library}__{domainId}"; anything else is not ours and counts as no library.
    private static string LibraryOf(string collection) =>
        collection.IndexOf("__", StringComparison.Ordinal) is > 0 and var at ? collection[..at] : "";

    private List<ClusterOptions> Selected(ICollection<string> names)
    {
        var unknown = names.Where(n => !registry.TryGetCluster(n, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound,
                $"No cluster named {string.Join(", ", unknown.Select(n => $"'{n}'"))}. Configured clusters: {string.Join(", ", registry.Options.Select(o => o.Name))}."));
        }

        return registry.Options.Where(o => names.Count == 0 || names.Contains(o.Name)).ToList();
    }
}
