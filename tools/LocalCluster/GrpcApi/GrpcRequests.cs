using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.Filtering;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>
/// Qdrant's gRPC requests to the storage's requests, checked as the REST parsers check the same fields (the same
/// limits, the same messages), so both APIs reject the same input. Collection settings go through the REST parser
/// itself (<see cref="CollectionBodies"/>).
/// </summary>
internal static class GrpcRequests
{
    public static PointId Id(G.PointId? id, string field) => id?.PointIdOptionsCase switch
    {
        G.PointId.PointIdOptionsOneofCase.Num => PointId.FromNumber(id.Num),
        G.PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var uuid) => PointId.FromUuid(uuid),
        G.PointId.PointIdOptionsOneofCase.Uuid => throw ApiException.Validation(field, $"'{id.Uuid}' is not a valid UUID"),
        _ => throw ApiException.Validation(field, "a point id must be an unsigned integer or a UUID"),
    };

    public static IReadOnlyList<PointId> Ids(IEnumerable<G.PointId> ids, string field) => [.. ids.Select(id => Id(id, field))];

    public static IReadOnlyList<PointRecord> Points(G.UpsertPoints request, int maxBatch)
    {
        if (request.Points.Count > maxBatch)
        {
            throw ApiException.Validation("points", $"{request.Points.Count} points in one upsert, more than --max-batch {maxBatch}");
        }

        return [.. request.Points.Select((point, i) => new PointRecord(Id(point.Id, $"points[{i}].id"), Vector(point.Vectors, $"points[{i}].vectors"), PayloadValues.ToJson(point.Payload)))];
    }

    public static PointSelector Selector(G.PointsSelector? selector) => selector?.PointsSelectorOneOfCase switch
    {
        G.PointsSelector.PointsSelectorOneOfOneofCase.Points => PointSelector.ByIds(Ids(selector.Points.Ids, "points.points.ids")),
        G.PointsSelector.PointsSelectorOneOfOneofCase.Filter => PointSelector.ByFilter(Filter(selector.Filter, "points.filter")!),
        _ => throw ApiException.Validation("points", "a selector needs point ids or a filter"),
    };

    public static SearchRequest Search(G.SearchPoints request)
    {
        if (request.HasVectorName && request.VectorName.Length > 0)
        {
            throw ApiException.Unsupported("named vectors are not supported by LocalCluster");
        }

        return new SearchRequest([.. request.Vector], Count(request.Limit, "limit"))
        {
            Offset = request.HasOffset ? Count(request.Offset, "offset", min: 0) : 0,
            Filter = Filter(request.Filter, "filter"),
            ScoreThreshold = request.HasScoreThreshold ? request.ScoreThreshold : null,
            WithPayload = Payload(request.WithPayload, PayloadSelector.None),
            WithVector = Vectors(request.WithVectors),
        };
    }

    /// <summary>
    /// The nearest-neighbour form of Query (a dense vector, as Qdrant.Client's QueryAsync sends a float[]); null for
    /// a query without one, which lists points in id order (as Qdrant does).
    /// </summary>
    public static SearchRequest? Query(G.QueryPoints request)
    {
        if (request.Prefetch.Count > 0 || (request.HasUsing && request.Using.Length > 0) || request.LookupFrom is not null)
        {
            throw ApiException.Unsupported("prefetch, using and lookup_from are not supported by LocalCluster (one unnamed dense vector, plain nearest queries)");
        }

        var limit = request.HasLimit ? Count(request.Limit, "limit") : 10;
        var offset = request.HasOffset ? Count(request.Offset, "offset", min: 0) : 0;
        if (request.Query is null)
        {
            return null;
        }

        if (request.Query.VariantCase != G.Query.VariantOneofCase.Nearest || request.Query.Nearest.VariantCase != G.VectorInput.VariantOneofCase.Dense)
        {
            throw ApiException.Unsupported($"query: only nearest to a dense vector is supported by LocalCluster, not {request.Query.VariantCase}");
        }

        return new SearchRequest([.. request.Query.Nearest.Dense.Data], limit)
        {
            Offset = offset,
            Filter = Filter(request.Filter, "filter"),
            ScoreThreshold = request.HasScoreThreshold ? request.ScoreThreshold : null,
            WithPayload = Payload(request.WithPayload, PayloadSelector.None),
            WithVector = Vectors(request.WithVectors),
        };
    }

    public static ScrollRequest Scroll(G.ScrollPoints request)
    {
        if (request.OrderBy is not null)
        {
            throw ApiException.Unsupported("order_by needs a payload index, which LocalCluster does not build; scroll in id order");
        }

        return new ScrollRequest(request.HasLimit ? Count(request.Limit, "limit") : 10)
        {
            Offset = request.Offset is { } offset ? Id(offset, "offset") : null,
            Filter = Filter(request.Filter, "filter"),
            WithPayload = Payload(request.WithPayload, PayloadSelector.All),
            WithVector = Vectors(request.WithVectors),
        };
    }

    /// <summary>Qdrant's defaults: payloads on for retrieve and scroll, off for search; vectors off everywhere.</summary>
    public static PayloadSelector Payload(G.WithPayloadSelector? selector, PayloadSelector absent) => selector?.SelectorOptionsCase switch
    {
        G.WithPayloadSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? PayloadSelector.All : PayloadSelector.None,
        G.WithPayloadSelector.SelectorOptionsOneofCase.Include => PayloadSelector.Only([.. selector.Include.Fields]),
        G.WithPayloadSelector.SelectorOptionsOneofCase.Exclude => PayloadSelector.AllBut([.. selector.Exclude.Fields]),
        _ => absent,
    };

    public static bool Vectors(G.WithVectorsSelector? selector) => selector?.SelectorOptionsCase switch
    {
        G.WithVectorsSelector.SelectorOptionsOneofCase.Enable => selector.Enable,
        G.WithVectorsSelector.SelectorOptionsOneofCase.Include => throw ApiException.Unsupported("named vectors are not supported by LocalCluster"),
        _ => false,
    };

    public static Filter? Filter(G.Filter? filter, string field)
    {
        if (filter is null)
        {
            return null;
        }

        return new Filter(
            Conditions(filter.Must, $"{field}.must"),
            Conditions(filter.Should, $"{field}.should"),
            Conditions(filter.MustNot, $"{field}.must_not"),
            filter.MinShould is { } min ? new MinShould([.. min.Conditions.Select(c => Condition(c, $"{field}.min_should"))], (int)Math.Min(min.MinCount, int.MaxValue)) : null);
    }

    private static List<Condition>? Conditions(Google.Protobuf.Collections.RepeatedField<G.Condition> conditions, string field) =>
        conditions.Count == 0 ? null : [.. conditions.Select(c => Condition(c, field))];

    private static Condition Condition(G.Condition condition, string field) => condition.ConditionOneOfCase switch
    {
        G.Condition.ConditionOneOfOneofCase.Field => Field(condition.Field, field),
        G.Condition.ConditionOneOfOneofCase.HasId => new HasIdCondition(Ids(condition.HasId.HasId, $"{field}.has_id")),
        G.Condition.ConditionOneOfOneofCase.IsEmpty => new IsEmptyCondition(Key(condition.IsEmpty.Key, $"{field}.is_empty")),
        G.Condition.ConditionOneOfOneofCase.IsNull => new IsNullCondition(Key(condition.IsNull.Key, $"{field}.is_null")),
        G.Condition.ConditionOneOfOneofCase.Nested => new NestedCondition(Key(condition.Nested.Key, $"{field}.nested"), Filter(condition.Nested.Filter ?? new G.Filter(), $"{field}.nested.filter")!),
        G.Condition.ConditionOneOfOneofCase.Filter => new FilterCondition(Filter(condition.Filter, field)!),
        G.Condition.ConditionOneOfOneofCase.HasVector => throw ApiException.Unsupported("has_vector conditions need named vectors, which LocalCluster does not support"),
        _ => throw ApiException.Validation(field, "an empty condition"),
    };

    private static Condition Field(G.FieldCondition condition, string field)
    {
        var path = Key(condition.Key, $"{field}.key");
        if (condition.Match is { } match)
        {
            return match.MatchValueCase switch
            {
                G.Match.MatchValueOneofCase.Keyword => new MatchValueCondition(path, MatchScalar.Of(match.Keyword)),
                G.Match.MatchValueOneofCase.Integer => new MatchValueCondition(path, MatchScalar.Of(match.Integer)),
                G.Match.MatchValueOneofCase.Boolean => new MatchValueCondition(path, MatchScalar.Of(match.Boolean)),
                G.Match.MatchValueOneofCase.Keywords => new MatchAnyCondition(path, MatchSet.Of(match.Keywords.Strings)),
                G.Match.MatchValueOneofCase.Integers => new MatchAnyCondition(path, MatchSet.Of(match.Integers.Integers)),
                G.Match.MatchValueOneofCase.ExceptKeywords => new MatchExceptCondition(path, MatchSet.Of(match.ExceptKeywords.Strings)),
                G.Match.MatchValueOneofCase.ExceptIntegers => new MatchExceptCondition(path, MatchSet.Of(match.ExceptIntegers.Integers)),
                G.Match.MatchValueOneofCase.Text => new MatchTextCondition(path, match.Text),
                G.Match.MatchValueOneofCase.Phrase => new MatchTextCondition(path, match.Phrase),
                _ => throw ApiException.Unsupported($"{field}.match: {match.MatchValueCase} matches are not supported by LocalCluster (keyword, integer, boolean, keywords, integers, except, text)"),
            };
        }

        if (condition.Range is { } range)
        {
            return new RangeCondition(path, range.HasGt ? range.Gt : null, range.HasGte ? range.Gte : null, range.HasLt ? range.Lt : null, range.HasLte ? range.Lte : null);
        }

        if (condition.HasIsEmpty && condition.IsEmpty)
        {
            return new IsEmptyCondition(path);
        }

        if (condition.HasIsNull && condition.IsNull)
        {
            return new IsNullCondition(path);
        }

        throw ApiException.Unsupported($"{field}: only match and range field conditions are supported by LocalCluster (not geo, values_count or datetime ranges)");
    }

    private static PayloadPath Key(string key, string field) =>
        PayloadPath.TryParse(key, out var path)
            ? path
            : throw ApiException.Validation(field, $"'{key}' is not a payload key (e.g. \"city\", \"meta.author\", \"tags[]\")");

    private static float[] Vector(G.Vectors? vectors, string field)
    {
        if (vectors?.VectorsOptionsCase != G.Vectors.VectorsOptionsOneofCase.Vector)
        {
            throw ApiException.Unsupported($"{field}: LocalCluster stores one unnamed dense vector per point (named vectors are not supported)");
        }

        var vector = vectors.Vector;
        if (vector.Dense is { } dense)
        {
            return [.. dense.Data];
        }
#pragma warning disable CS0612 // "data" is the older form of "dense"; clients still send it.
        return vector.VectorCase == G.Vector.VectorOneofCase.None && vector.Indices is null
            ? [.. vector.Data]
            : throw ApiException.Unsupported($"{field}: sparse and multi-vectors are not supported by LocalCluster");
#pragma warning restore CS0612
    }

    private static int Count(ulong value, string field, int min = 1) =>
        value < (ulong)min
            ? throw ApiException.Validation(field, $"value {value} invalid, must be {min} or larger")
            : (int)Math.Min(value, int.MaxValue);
}
