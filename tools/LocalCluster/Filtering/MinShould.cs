using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>At least <paramref name="Count"/> of the conditions hold.</summary>
public sealed record MinShould(IReadOnlyList<Condition> Conditions, int Count)
{
    public bool Matches(PointId id, JsonElement? payload)
    {
        var holding = 0;
        foreach (var condition in Conditions)
        {
            if (holding >= Count)
            {
                break;
            }

            if (condition.Matches(id, payload))
            {
                holding++;
            }
        }

        return holding >= Count;
    }
}
