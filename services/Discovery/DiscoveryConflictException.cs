namespace MultiCluster.Discovery;

/// <summary>
/// The request is valid but the state of the library forbids it now (an analysis of it is running). The message
/// starts with the request field concerned and names what blocks it.
/// </summary>
public sealed class DiscoveryConflictException(string message) : Exception(message);
