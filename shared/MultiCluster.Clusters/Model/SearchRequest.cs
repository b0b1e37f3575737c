namespace MultiCluster.Clusters;

/// <summary>One nearest-neighbour query.</summary>
/// <param name="Vector">Query vector; its length must equal the collection's vector size.</param>
/// <param name="Limit">Hits to return, at least 1.</param>
/// <param name="Filter">Only points matching it are candidates; null for all.</param>
/// <param name="Offset">Best hits to skip first (paging); costs as much as searching Offset + Limit.</param>
/// <param name="ScoreThreshold">
/// Drop hits worse than this: below it for Cosine and Dot, above it for Euclid (a distance).
/// </param>
/// <param name="WithPayload">Return payloads.</param>
/// <param name="WithVectors">Return stored vectors.</param>
/// <param name="HnswEf">Beam width of the HNSW search; larger is more accurate and slower. Null takes the cluster's default.</param>
/// <param name="Exact">Search exhaustively instead of through the index (ground truth, slow).</param>
public sealed record SearchRequest(
    float[] Vector,
    int Limit,
    Filter? Filter = null,
    int Offset = 0,
    float? ScoreThreshold = null,
    bool WithPayload = true,
    bool WithVectors = false,
    int? HnswEf = null,
    bool Exact = false);
