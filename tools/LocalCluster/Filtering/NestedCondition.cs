using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>
/// Some object of the array at <see cref="Path"/> satisfies the whole filter on its own (keys inside the filter are
/// relative to that object), so two conditions cannot be satisfied by two different elements.
/// </summary>
public sealed class NestedCondition(PayloadPath path, Filter filter) : Condition
{
    public PayloadPath Path { get; } = path;

    public Filter Filter { get; } = filter;

    public override bool Matches(PointId id, JsonElement? payload)
    {
        var values = Path.Resolve(payload);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.Object && Filter.Matches(id, element))
                    {
                        return true;
                    }
                }
            }
            else if (value.ValueKind == JsonValueKind.Object && Filter.Matches(id, value))
            {
                return true;
            }
        }

        return false;
    }
}
