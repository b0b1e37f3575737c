using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The value is one of a set (IN): {"key": k, "match": {"any": [...]}}.</summary>
public sealed class MatchAnyCondition(PayloadPath path, MatchSet values) : FieldCondition(path)
{
    public MatchSet Values { get; } = values;

    protected override bool MatchesValue(JsonElement value) => Values.Contains(value) == true;
}
