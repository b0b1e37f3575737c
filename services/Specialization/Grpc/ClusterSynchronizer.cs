using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.Specialization.Replicas;

namespace MultiCluster.Specialization.Grpc;

/// <summary>ClusterAdminService.SyncAcrossClusters on this host: the request handed to <see cref="ReplicaSynchronizer"/>, its refusals mapped to statuses.</summary>
internal sealed class ClusterSynchronizer(ReplicaSynchronizer synchronizer) : IClusterSynchronizer
{
    public Task<SyncAcrossClustersResponse> SyncAsync(SyncAcrossClustersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RpcErrors.Answer(() => synchronizer.SyncAsync(request.Library, request.DryRun, request.DeleteOrphans, cancellationToken));
    }
}
