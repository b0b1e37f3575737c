namespace MultiCluster.Clusters;

/// <summary>A cluster to add, or the new configuration of one (matched by name), as an administrator gives it.</summary>
/// <param name="Name">The cluster's name; a new name adds a cluster.</param>
/// <param name="Url">Base URL of its REST API.</param>
/// <param name="ApiKey">A new API key; empty keeps the stored one.</param>
/// <param name="ClearApiKey">Remove the stored key (<paramref name="ApiKey"/> must then be empty).</param>
/// <param name="Region">Region, e.g. "eu-west-1".</param>
/// <param name="CapacityPoints">Points the cluster may hold; 0 means unlimited. Unsigned as the contract carries it, so a
/// value beyond what a cluster can be configured with is reported rather than silently cut.</param>
/// <param name="CapacityBytes">Bytes the cluster may hold; 0 means unlimited.</param>
/// <param name="IsDefault">Make it the default cluster; false on the current default is refused (there is always one).</param>
/// <param name="Draining">Stop placing new domains here.</param>
/// <param name="ValidateConnectivity">Probe the cluster with these settings first and refuse the change if it is down.</param>
public sealed record ClusterChange(
    string Name,
    string Url,
    string ApiKey,
    bool ClearApiKey,
    string Region,
    ulong CapacityPoints,
    ulong CapacityBytes,
    bool IsDefault,
    bool Draining,
    bool ValidateConnectivity);
