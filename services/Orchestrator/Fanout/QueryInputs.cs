using MultiCluster.Clusters;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>The checks every query RPC starts with: the library exists (its snapshot), the vector fits it, counts are in range.</summary>
public sealed class QueryInputs(RoutingSnapshots snapshots, SnapshotRefresher refresher)
{
    public const int MaxLimit = 1_000;
    public const int MaxOffset = 10_000;

    /// <summary>The library's snapshot; NOT_FOUND naming <paramref name="field"/> when there is no such library.</summary>
    public async Task<LibrarySnapshot> LibraryAsync(string name, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw OrchestratorException.Invalid($"{field}: empty; name the library to search.");
        }

        if (!LibraryName.IsValid(name))
        {
            throw OrchestratorException.Invalid($"{field}: {LibraryName.Quote(name)} is not a library name (lowercase letters, digits, '_' and '-', up to 63).");
        }

        // A library created through another Orchestrator instance is read on first use.
        return snapshots.Get(name) ?? await refresher.RefreshAsync(name, cancellationToken)
            ?? throw OrchestratorException.NotFound($"{field}: no library {LibraryName.Quote(name)}; create it first (CreateLibrary) or check the name (ListLibraries).");
    }

    public static float[] Vector(IReadOnlyList<float> vector, LibrarySnapshot snapshot, string field)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (vector.Count != snapshot.Library.Dimension)
        {
            throw OrchestratorException.Invalid(
                $"{field}: {vector.Count} values, but library {LibraryName.Quote(snapshot.Library.Name)} holds vectors of dimension {snapshot.Library.Dimension}; send a vector of that length.");
        }

        for (var i = 0; i < vector.Count; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw OrchestratorException.Invalid($"{field}[{i}]: {vector[i]} is not a finite number; send finite values only.");
            }
        }

        return [.. vector];
    }

    /// <summary>A limit of 1..max, 0 meaning 10.</summary>
    public static int Limit(uint limit, string field, int max = MaxLimit) => limit switch
    {
        0 => 10,
        _ when limit > max => throw OrchestratorException.Invalid($"{field}: {limit} is out of range; ask for 1 to {max:N0} results (0 means 10)."),
        _ => (int)limit,
    };
}
