using MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// Reconciles collections and replicas across clusters for <see cref="ClusterAdminService"/>.SyncAcrossClusters. Only
/// the service that owns the routing tables can know what should exist where, so only it registers one. Bad input is
/// answered with an RpcException carrying the status a client can act on.
/// </summary>
public interface IClusterSynchronizer
{
    Task<SyncAcrossClustersResponse> SyncAsync(SyncAcrossClustersRequest request, CancellationToken cancellationToken);
}
