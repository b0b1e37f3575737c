using System.Text.Json;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>
/// Qdrant's SearchRequest: vector (plain, or {"name": "", "vector": [...]}), filter, limit, offset, score_threshold,
/// with_payload, with_vector, params (hnsw_ef and exact are accepted: every search here is exact).
/// </summary>
public static class SearchParser
{
    public static SearchRequest Parse(JsonElement body)
    {
        var vector = body.Optional("vector") ?? throw ApiException.Format("missing field `vector`");
        return Common(body, Vector(vector), body.OptionalCount("limit", 1) ?? throw ApiException.Format("missing field `limit`"));
    }

    /// <summary>What search and query share once the query vector and limit are known.</summary>
    public static SearchRequest Common(JsonElement body, float[] vector, int limit)
    {
        if (body.Optional("params") is { } parameters)
        {
            parameters.OptionalCount("hnsw_ef");
            parameters.OptionalBool("exact");
        }

        var threshold = body.OptionalNumber("score_threshold");
        return new SearchRequest(vector, limit)
        {
            Offset = body.OptionalCount("offset") ?? 0,
            Filter = FilterParser.ParseOptional(body),
            ScoreThreshold = threshold is { } t ? (float)t : null,
            WithPayload = SelectorParser.WithPayload(body, PayloadSelector.None),
            WithVector = SelectorParser.WithVector(body, false),
        };
    }

    private static float[] Vector(JsonElement vector)
    {
        if (vector.ValueKind != JsonValueKind.Object)
        {
            return JsonFields.Vector(vector, "vector");
        }

        if (vector.OptionalString("name") is "" && vector.Optional("vector") is { } named)
        {
            return JsonFields.Vector(named, "vector.vector");
        }

        throw ApiException.Unsupported("named and sparse query vectors are not supported by LocalCluster; send one dense vector");
    }
}
