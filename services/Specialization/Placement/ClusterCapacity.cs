namespace MultiCluster.Specialization.Placement;

/// <summary>
/// One cluster as placement sees it. <paramref name="BasePoints"/> and <paramref name="BaseBytes"/> are what stays there
/// whatever the plan: everything but the planned library's own collections (those are what the plan places).
/// </summary>
/// <param name="Name">Configured name.</param>
/// <param name="Region">Configured region; may be empty.</param>
/// <param name="CapacityPoints">Points it may hold; 0 unlimited.</param>
/// <param name="CapacityBytes">Bytes it may hold; 0 unlimited.</param>
/// <param name="BasePoints">Points of other libraries on it.</param>
/// <param name="BaseBytes">Bytes of other libraries on it.</param>
/// <param name="Draining">Configured to take no new domains.</param>
/// <param name="Healthy">Answered when asked for its size.</param>
/// <param name="QueryRate">Queries per second the Orchestrator last reported for other libraries on it.</param>
public sealed record ClusterCapacity(
    string Name,
    string Region,
    long CapacityPoints,
    long CapacityBytes,
    long BasePoints,
    long BaseBytes,
    bool Draining,
    bool Healthy,
    double QueryRate = 0);
