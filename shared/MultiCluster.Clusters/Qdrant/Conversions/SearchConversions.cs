using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Search and scroll requests to their wire shapes.</summary>
internal static class SearchConversions
{
    public static WireSearchRequest ToWire(SearchRequest request) => new()
    {
        Vector = request.Vector,
        Filter = FilterConversions.ToWire(request.Filter),
        Params = request.HnswEf is null && !request.Exact ? null : new WireSearchParams { HnswEf = request.HnswEf, Exact = request.Exact ? true : null },
        Limit = request.Limit,
        Offset = request.Offset == 0 ? null : request.Offset,
        WithPayload = request.WithPayload,
        WithVector = request.WithVectors,
        ScoreThreshold = request.ScoreThreshold,
    };

    public static WireScrollRequest ToWire(ScrollRequest request) => new()
    {
        Offset = request.Offset is null ? null : PointConversions.ToWire(request.Offset),
        Limit = request.Limit,
        Filter = FilterConversions.ToWire(request.Filter),
        WithPayload = request.WithPayload,
        WithVector = request.WithVectors,
    };

    public static ScrollPage FromWire(WireScrollResult result) => new(
        result.Points.ConvertAll(PointConversions.FromWire),
        result.NextPageOffset is { } next ? PointConversions.FromWire(next) : null);
}
