namespace MultiCluster.Clusters.Qdrant.Wire;

/// <summary>
/// Qdrant's response envelope: {"result": ..., "status": "ok", "time": 0.002}. Errors carry
/// {"status": {"error": "..."}} and are read by the error mapper from the raw body, so only result matters here.
/// </summary>
internal sealed record QdrantResponse<T>
{
    public T? Result { get; init; }
}
