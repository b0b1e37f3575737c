using System.Text.Json.Nodes;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>The port's filter model to Qdrant's filter JSON; every condition kind maps to one documented shape.</summary>
internal static class FilterConversions
{
    /// <summary>Null for no filter or an empty one, so the request carries no filter key at all.</summary>
    public static WireFilter? ToWire(Filter? filter) => filter is null || filter.IsEmpty ? null : ToWireFilter(filter);

    private static WireFilter ToWireFilter(Filter filter) => new()
    {
        Must = ToWire(filter.Must),
        Should = ToWire(filter.Should),
        MustNot = ToWire(filter.MustNot),
    };

    private static List<WireCondition>? ToWire(IReadOnlyList<Condition>? conditions) =>
        conditions is null || conditions.Count == 0 ? null : conditions.Select(ToWire).ToList();

    private static WireCondition ToWire(Condition condition) => condition switch
    {
        MatchCondition c => new() { Key = c.Key, Match = new WireMatch { Value = ToJson(c.Value) } },
        MatchAnyCondition c => new() { Key = c.Key, Match = new WireMatch { Any = ToJson(c.Values) } },
        MatchExceptCondition c => new() { Key = c.Key, Match = new WireMatch { Except = ToJson(c.Values) } },
        RangeCondition c => new() { Key = c.Key, Range = new WireRange { Gt = c.Gt, Gte = c.Gte, Lt = c.Lt, Lte = c.Lte } },
        HasIdCondition c => new() { HasId = c.Ids.Select(PointConversions.ToWire).ToList() },
        IsEmptyCondition c => new() { IsEmpty = new WirePayloadField { Key = c.Key } },
        IsNullCondition c => new() { IsNull = new WirePayloadField { Key = c.Key } },
        NestedCondition c => new() { Nested = new WireNested { Key = c.Key, Filter = ToWireFilter(c.Filter) } },
        FilterCondition c => new() { Must = ToWire(c.Filter.Must), Should = ToWire(c.Filter.Should), MustNot = ToWire(c.Filter.MustNot) },
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition kind."),
    };

    private static JsonValue ToJson(MatchValue value) => value.Kind switch
    {
        MatchValueKind.Keyword => JsonValue.Create(value.KeywordValue!),
        MatchValueKind.Integer => JsonValue.Create(value.IntegerValue),
        _ => JsonValue.Create(value.BooleanValue),
    };

    private static JsonArray ToJson(MatchSet set) => set.Keywords is not null
        ? new JsonArray(set.Keywords.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray())
        : new JsonArray(set.Integers!.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}
