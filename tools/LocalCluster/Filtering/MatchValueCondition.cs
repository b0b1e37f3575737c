using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The value equals a keyword, integer or boolean ({"key": k, "match": {"value": v}}).</summary>
public sealed class MatchValueCondition(PayloadPath path, MatchScalar value) : FieldCondition(path)
{
    public MatchScalar Value { get; } = value;

    protected override bool MatchesValue(JsonElement value) => Value.Equals(value);
}
