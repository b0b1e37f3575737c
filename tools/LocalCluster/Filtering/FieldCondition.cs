using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>
/// A test of the values at a payload key. A point whose payload lacks the key never matches; when the key holds an
/// array, the test holds if it holds for any element (one level deep), as in Qdrant.
/// </summary>
public abstract class FieldCondition(PayloadPath path) : Condition
{
    public PayloadPath Path { get; } = path;

    public sealed override bool Matches(PointId id, JsonElement? payload)
    {
        var values = Path.Resolve(payload);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in value.EnumerateArray())
                {
                    if (MatchesValue(element))
                    {
                        return true;
                    }
                }
            }
            else if (MatchesValue(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The test on one scalar (or object) value.</summary>
    protected abstract bool MatchesValue(JsonElement value);
}
