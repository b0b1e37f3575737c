using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>
/// The value is none of a set (NOT IN): {"key": k, "match": {"except": [...]}}. As in Qdrant, a value of another
/// type (a boolean, an object, a float against integers) is "not in" the set, null is not, and a missing key never
/// matches.
/// </summary>
public sealed class MatchExceptCondition(PayloadPath path, MatchSet values) : FieldCondition(path)
{
    public MatchSet Values { get; } = values;

    protected override bool MatchesValue(JsonElement value) =>
        value.ValueKind != JsonValueKind.Null && Values.Contains(value) != true;
}
