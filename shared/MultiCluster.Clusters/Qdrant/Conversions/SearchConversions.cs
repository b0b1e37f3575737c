using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Searches, scrolls and their pages between the port's records and Qdrant's gRPC messages.</summary>
internal static class SearchConversions
{
    public static G.SearchPoints ToGrpc(string collection, SearchRequest request)
    {
        var search = new G.SearchPoints
        {
            CollectionName = collection,
            Vector = { request.Vector },
            Limit = (ulong)request.Limit,
            Filter = FilterConversions.ToGrpc(request.Filter),
            WithPayload = new G.WithPayloadSelector { Enable = request.WithPayload },
            WithVectors = new G.WithVectorsSelector { Enable = request.WithVectors },
        };
        if (request.Offset > 0)
        {
            search.Offset = (ulong)request.Offset;
        }

        if (request.ScoreThreshold is { } threshold)
        {
            search.ScoreThreshold = threshold;
        }

        if (request.HnswEf is not null || request.Exact)
        {
            search.Params = new G.SearchParams();
            if (request.HnswEf is { } ef)
            {
                search.Params.HnswEf = (ulong)ef;
            }

            if (request.Exact)
            {
                search.Params.Exact = true;
            }
        }

        return search;
    }

    public static G.ScrollPoints ToGrpc(string collection, ScrollRequest request)
    {
        var scroll = new G.ScrollPoints
        {
            CollectionName = collection,
            Limit = (uint)request.Limit,
            Filter = FilterConversions.ToGrpc(request.Filter),
            WithPayload = new G.WithPayloadSelector { Enable = request.WithPayload },
            WithVectors = new G.WithVectorsSelector { Enable = request.WithVectors },
        };
        if (request.Offset is { } offset)
        {
            scroll.Offset = PointConversions.ToGrpc(offset);
        }

        return scroll;
    }

    public static ScrollPage FromGrpc(G.ScrollResponse response) => new(
        [.. response.Result.Select(PointConversions.FromGrpc)],
        response.NextPageOffset is { } next ? PointConversions.FromGrpc(next) : null);
}
