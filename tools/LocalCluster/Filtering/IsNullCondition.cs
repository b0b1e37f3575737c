using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The key is present and holds null (a missing key is not null, as in Qdrant).</summary>
public sealed class IsNullCondition(PayloadPath path) : Condition
{
    public PayloadPath Path { get; } = path;

    public override bool Matches(PointId id, JsonElement? payload)
    {
        var values = Path.Resolve(payload);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].ValueKind == JsonValueKind.Null)
            {
                return true;
            }
        }

        return false;
    }
}
