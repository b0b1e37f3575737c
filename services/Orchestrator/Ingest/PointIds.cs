using MultiCluster.Clusters;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>Ids named by Get and Delete: counted, each in a Point.id form, canonical and without repeats (request order kept).</summary>
public static class PointIds
{
    public static List<string> Canonical(IReadOnlyList<string> ids, string field, int max)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            throw OrchestratorException.Invalid($"{field}: no ids given; give 1 to {max:N0}.");
        }

        if (ids.Count > max)
        {
            throw OrchestratorException.Exhausted($"{field}: {ids.Count:N0} ids in one call; at most {max:N0}, split them over several calls.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var canonical = new List<string>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!PointId.TryCanonicalize(ids[i], out var id))
            {
                throw OrchestratorException.Invalid(
                    $"{field}[{i}]: {LibraryName.Quote(ids[i])} is not a point id; use an unsigned 64-bit integer in decimal (\"42\") or a hyphenated UUID.");
            }

            if (seen.Add(id))
            {
                canonical.Add(id);
            }
        }

        return canonical;
    }
}
