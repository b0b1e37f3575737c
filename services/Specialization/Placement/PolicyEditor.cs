using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// SetOptimizationStrategy: checks the new values, merges the fields the mask names into the library's own policy
/// (all of them when the mask is empty), stores it and answers the policy then in effect, defaults resolved.
/// </summary>
public sealed class PolicyEditor(PolicyStore store)
{
    private static readonly string[] Fields =
        ["strategy", "replica_count", "max_fill_ratio", "preferred_regions", "max_parallel_migrations", "migration_batch_size"];

    public async Task<ResolvedPolicy> SetAsync(string library, SpecializationPolicy? policy, FieldMask? mask, CancellationToken cancellationToken)
    {
        if (library.Length > 0 && !LibraryName.IsValid(library))
        {
            throw SpecializationException.Invalid($"library: {LibraryName.Quote(library)} is not a library name (lowercase letters, digits, '_' and '-', at most 63, no '__'); leave it empty to set the default policy.");
        }

        policy ??= new SpecializationPolicy();
        var paths = mask?.Paths.ToList() ?? [];
        foreach (var path in paths.Where(p => !Fields.Contains(p, StringComparer.Ordinal)))
        {
            throw SpecializationException.Invalid($"update_mask: {LibraryName.Quote(path)} is not a policy field; use {string.Join(", ", Fields)}.");
        }

        var changed = paths.Count == 0 ? Fields : paths.Distinct(StringComparer.Ordinal).ToArray();
        Validate(policy, changed);
        var merged = paths.Count == 0 ? policy.Clone() : await store.GetOwnAsync(library, cancellationToken);
        foreach (var field in changed)
        {
            Copy(policy, merged, field);
        }

        await store.SaveAsync(library, merged, Summary(library, policy, changed), cancellationToken);
        return await store.ResolveAsync(library, cancellationToken);
    }

    private static void Validate(SpecializationPolicy policy, IReadOnlyCollection<string> fields)
    {
        if (fields.Contains("strategy") && !System.Enum.IsDefined(policy.Strategy))
        {
            throw SpecializationException.Invalid($"policy.strategy: {(int)policy.Strategy} is not an optimization strategy; use BALANCED, LATENCY, RECALL, MEMORY or THROUGHPUT (UNSPECIFIED for the default).");
        }

        if (fields.Contains("replica_count") && policy.ReplicaCount > 8)
        {
            throw SpecializationException.Invalid($"policy.replica_count: {policy.ReplicaCount} is more than 8; ask for 0 to 8 replicas per domain.");
        }

        if (fields.Contains("max_fill_ratio") && (double.IsNaN(policy.MaxFillRatio) || policy.MaxFillRatio < 0 || policy.MaxFillRatio > 1))
        {
            throw SpecializationException.Invalid($"policy.max_fill_ratio: {policy.MaxFillRatio.ToString(CultureInfo.InvariantCulture)} is outside (0, 1]; give a share of capacity such as 0.85, or 0 for the default.");
        }

        if (fields.Contains("max_parallel_migrations") && policy.MaxParallelMigrations > 16)
        {
            throw SpecializationException.Invalid($"policy.max_parallel_migrations: {policy.MaxParallelMigrations} is more than 16; allow 1 to 16 (0 for the default, 2).");
        }

        if (fields.Contains("migration_batch_size") && policy.MigrationBatchSize > 10_000)
        {
            throw SpecializationException.Invalid($"policy.migration_batch_size: {policy.MigrationBatchSize} is more than 10,000; use 1 to 10,000 points per batch (0 for the default).");
        }

        if (fields.Contains("preferred_regions"))
        {
            for (var i = 0; i < policy.PreferredRegions.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(policy.PreferredRegions[i]))
                {
                    throw SpecializationException.Invalid($"policy.preferred_regions[{i}]: a region name is empty; name regions as the clusters configure them, or leave the list empty for any region.");
                }

                if (policy.PreferredRegions.Take(i).Contains(policy.PreferredRegions[i], StringComparer.Ordinal))
                {
                    throw SpecializationException.Invalid($"policy.preferred_regions[{i}]: {LibraryName.Quote(policy.PreferredRegions[i])} is listed twice; name each region once, most preferred first.");
                }
            }
        }
    }

    private static void Copy(SpecializationPolicy from, SpecializationPolicy to, string field)
    {
        switch (field)
        {
            case "strategy": to.Strategy = from.Strategy; break;
            case "replica_count": to.ReplicaCount = from.ReplicaCount; break;
            case "max_fill_ratio": to.MaxFillRatio = from.MaxFillRatio; break;
            case "max_parallel_migrations": to.MaxParallelMigrations = from.MaxParallelMigrations; break;
            case "migration_batch_size": to.MigrationBatchSize = from.MigrationBatchSize; break;
            default:
                to.PreferredRegions.Clear();
                to.PreferredRegions.Add(from.PreferredRegions);
                break;
        }
    }

    private static string Summary(string library, SpecializationPolicy policy, IReadOnlyCollection<string> fields) =>
        $"policy of {(library.Length == 0 ? "every library without its own" : library)} set: " +
        string.Join(", ", fields.Select(f => f switch
        {
            "strategy" => $"strategy {policy.Strategy}",
            "replica_count" => $"replicas {policy.ReplicaCount}",
            "max_fill_ratio" => $"max fill {policy.MaxFillRatio.ToString(CultureInfo.InvariantCulture)}",
            "max_parallel_migrations" => $"parallel migrations {policy.MaxParallelMigrations}",
            "migration_batch_size" => $"batch {policy.MigrationBatchSize}",
            _ => $"regions [{string.Join(' ', policy.PreferredRegions)}]",
        })) + " (0 = default)";
}
