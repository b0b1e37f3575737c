namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// The cluster administration RPCs every service hosts. Not built yet (it comes with the cluster port):
/// each method answers UNIMPLEMENTED naming itself, rather than pretending to work.
/// </summary>
public sealed class ClusterAdminService : MultiCluster.Contracts.V1.ClusterAdminService.ClusterAdminServiceBase;
