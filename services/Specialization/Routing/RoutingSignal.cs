using MultiCluster.ServiceDefaults.Watching;

namespace MultiCluster.Specialization.Routing;

/// <summary>Wakes this process's routing watchers when a routing version has been stored.</summary>
public sealed class RoutingSignal : ChangeSignal;
