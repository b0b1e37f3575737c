using System.Text.Json.Nodes;

namespace MultiCluster.Clusters.Qdrant.Wire;

// Filter shapes of Qdrant's REST API (OpenAPI: Filter, Condition, FieldCondition, Match*, Range, HasIdCondition,
// IsEmptyCondition, IsNullCondition, NestedCondition).

/// <summary>Filter.</summary>
internal sealed record WireFilter
{
    public List<WireCondition>? Must { get; init; }

    public List<WireCondition>? Should { get; init; }

    public List<WireCondition>? MustNot { get; init; }
}

/// <summary>
/// Condition is a union in Qdrant's schema, told apart by which keys are present. Only written, never read, so
/// one record holds every variant and the conversion sets exactly one group (nulls are omitted):
/// key + match | key + range (FieldCondition), is_empty, is_null, has_id, nested, or must/should/must_not (a Filter).
/// </summary>
internal sealed record WireCondition
{
    public string? Key { get; init; }

    public WireMatch? Match { get; init; }

    public WireRange? Range { get; init; }

    public WirePayloadField? IsEmpty { get; init; }

    public WirePayloadField? IsNull { get; init; }

    public List<WirePointId>? HasId { get; init; }

    public WireNested? Nested { get; init; }

    public List<WireCondition>? Must { get; init; }

    public List<WireCondition>? Should { get; init; }

    public List<WireCondition>? MustNot { get; init; }
}

/// <summary>MatchValue ({"value": x}), MatchAny ({"any": [..]}) or MatchExcept ({"except": [..]}); one is set.</summary>
internal sealed record WireMatch
{
    public JsonNode? Value { get; init; }

    public JsonNode? Any { get; init; }

    public JsonNode? Except { get; init; }
}

/// <summary>Range.</summary>
internal sealed record WireRange
{
    public double? Gt { get; init; }

    public double? Gte { get; init; }

    public double? Lt { get; init; }

    public double? Lte { get; init; }
}

/// <summary>PayloadField.</summary>
internal sealed record WirePayloadField
{
    public required string Key { get; init; }
}

/// <summary>Nested: a filter applied to each object of the array at key.</summary>
internal sealed record WireNested
{
    public required string Key { get; init; }

    public required WireFilter Filter { get; init; }
}
