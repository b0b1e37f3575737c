using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The key is missing, null, or an empty array (every value the path reaches is one of those).</summary>
public sealed class IsEmptyCondition(PayloadPath path) : Condition
{
    public PayloadPath Path { get; } = path;

    public override bool Matches(PointId id, JsonElement? payload)
    {
        var values = Path.Resolve(payload);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var empty = value.ValueKind == JsonValueKind.Null
                || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);
            if (!empty)
            {
                return false;
            }
        }

        return true;
    }
}
