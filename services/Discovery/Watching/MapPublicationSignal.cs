using MultiCluster.ServiceDefaults.Watching;

namespace MultiCluster.Discovery.Watching;

/// <summary>Wakes this process's map watchers when a map has been stored; maps stored by other replicas reach them through the poll.</summary>
public sealed class MapPublicationSignal : ChangeSignal;
