namespace MultiCluster.Discovery;

/// <summary>
/// Something the request names does not exist (a library, a map version, an operation). The message starts with the
/// request field that named it, so a caller knows which value to fix.
/// </summary>
public sealed class DiscoveryNotFoundException(string message) : Exception(message);
