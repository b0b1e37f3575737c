using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Replicas;

/// <summary>What one sync run did and which clusters it could not reach, gathered as it goes and answered at the end.</summary>
internal sealed class SyncOutcome(bool dryRun)
{
    private readonly List<SyncAction> _actions = [];
    private readonly Dictionary<string, ClusterFailure> _failures = new(StringComparer.Ordinal);

    public IReadOnlyList<SyncAction> Actions => _actions;

    public bool HasFailed(string cluster) => _failures.ContainsKey(cluster);

    public SyncAction Add(SyncActionKind kind, string cluster, string collection)
    {
        var action = new SyncAction { Kind = kind, Cluster = new ClusterRef { Name = cluster }, CollectionName = collection, Applied = !dryRun };
        _actions.Add(action);
        return action;
    }

    public void Repaired(string cluster, string collection, ReconcileReport report)
    {
        var action = Add(SyncActionKind.RepairPoints, cluster, collection);
        action.PointsMissing = (ulong)report.Missing;
        action.PointsStale = (ulong)report.Stale;
        action.PointsExtra = (ulong)report.Extra;
        action.PointsRepaired = (ulong)report.Repaired;
        action.Detail = $"{report.RangesDiffering} of {report.RangesCompared} ranges differed; {report.Missing:N0} missing, {report.Stale:N0} stale, " +
            $"{report.Extra:N0} extra against the primary's {report.SourceCount:N0} points" + (dryRun ? " (dry run: nothing written)" : "");
    }

    /// <summary>An action that could not be carried out, with why and what to do.</summary>
    public static void Refused(SyncAction action, string code, string message, bool retryable)
    {
        action.Applied = false;
        action.Error = new OperationError { Code = code, Message = message, Retryable = retryable, Cluster = action.Cluster };
    }

    /// <summary>A cluster that did not answer; <paramref name="domainId"/> is the domain left unsynced because of it, if any.</summary>
    public void Failed(string cluster, string reason, string? domainId = null, string code = "UNAVAILABLE")
    {
        if (!_failures.TryGetValue(cluster, out var failure))
        {
            failure = new ClusterFailure { Cluster = new ClusterRef { Name = cluster }, Code = code, Reason = reason };
            _failures[cluster] = failure;
        }

        if (domainId is not null && !failure.DomainIds.Contains(domainId))
        {
            failure.DomainIds.Add(domainId);
        }
    }

    public void Failed(VectorClusterException failure, string? domainId) =>
        Failed(failure.Cluster, failure.Message, domainId, failure.IsTransient || failure is ClusterUnavailableException or ClusterTimeoutException ? "UNAVAILABLE" : "INTERNAL");

    /// <summary>The answer: actions grouped by cluster (in the order they were taken within one), failures by name.</summary>
    public SyncAcrossClustersResponse ToResponse()
    {
        var response = new SyncAcrossClustersResponse { Partial = _failures.Count > 0 };
        response.Actions.Add(_actions.OrderBy(a => a.Cluster.Name, StringComparer.Ordinal));
        response.FailedClusters.Add(_failures.Values.OrderBy(f => f.Cluster.Name, StringComparer.Ordinal));
        return response;
    }
}
