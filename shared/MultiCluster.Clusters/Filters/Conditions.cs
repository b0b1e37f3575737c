namespace MultiCluster.Clusters;

// The closed set of condition kinds, each mirroring one of Qdrant's documented condition shapes.
// Built through the factories on Condition; the adapter converts each to its wire form in one place.

/// <summary>Equality with one scalar.</summary>
public sealed record MatchCondition(string Key, MatchValue Value) : Condition;

/// <summary>Membership in a set (IN).</summary>
public sealed record MatchAnyCondition(string Key, MatchSet Values) : Condition;

/// <summary>Exclusion from a set (NOT IN).</summary>
public sealed record MatchExceptCondition(string Key, MatchSet Values) : Condition;

/// <summary>Numeric bounds; at least one must be set.</summary>
public sealed record RangeCondition(string Key, double? Gt, double? Gte, double? Lt, double? Lte) : Condition;

/// <summary>The point id is one of a set.</summary>
public sealed record HasIdCondition(IReadOnlyList<string> Ids) : Condition;

/// <summary>The key is missing, null or an empty array.</summary>
public sealed record IsEmptyCondition(string Key) : Condition;

/// <summary>The key holds null.</summary>
public sealed record IsNullCondition(string Key) : Condition;

/// <summary>A filter applied to each object of an array of objects; matches when one object satisfies it.</summary>
public sealed record NestedCondition(string Key, Filter Filter) : Condition;

/// <summary>A nested filter used as a single condition.</summary>
public sealed record FilterCondition(Filter Filter) : Condition;
