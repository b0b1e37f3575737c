using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>
/// Qdrant's boolean filter: at least one Should holds (a given but empty Should list holds for nothing, as in
/// Qdrant), at least MinShould.Count of MinShould's conditions hold, every Must holds, no MustNot holds.
/// Absent lists impose nothing, so an empty filter matches every point.
/// </summary>
public sealed record Filter(
    IReadOnlyList<Condition>? Must = null,
    IReadOnlyList<Condition>? Should = null,
    IReadOnlyList<Condition>? MustNot = null,
    MinShould? MinShould = null)
{
    public bool Matches(PointId id, JsonElement? payload)
    {
        if (Should is not null && !Any(Should, id, payload))
        {
            return false;
        }

        if (MinShould is { } minimum && !minimum.Matches(id, payload))
        {
            return false;
        }

        if (Must is not null)
        {
            foreach (var condition in Must)
            {
                if (!condition.Matches(id, payload))
                {
                    return false;
                }
            }
        }

        return MustNot is null || !Any(MustNot, id, payload);
    }

    private static bool Any(IReadOnlyList<Condition> conditions, PointId id, JsonElement? payload)
    {
        foreach (var condition in conditions)
        {
            if (condition.Matches(id, payload))
            {
                return true;
            }
        }

        return false;
    }
}
