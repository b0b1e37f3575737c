namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>
/// A response that does not fit the port (named vectors, an unsupported distance, a malformed id). Thrown by the
/// conversions, which know no cluster; the transport turns it into a <see cref="ClusterServerException"/> with context.
/// </summary>
internal sealed class UnexpectedResponseException(string message) : Exception(message);
