namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// A migration to start: the move of one domain (or, for <see cref="MigrationKind.Split"/>, of the unassigned points of
/// a library into the domains of <paramref name="MapVersion"/>). Zero numbers mean the policy's (or the options') default.
/// </summary>
/// <param name="Library">Library of the domain.</param>
/// <param name="DomainId">Domain moved ("unassigned" for a split).</param>
/// <param name="SourceCluster">Cluster it leaves; null for the domain's current primary.</param>
/// <param name="TargetCluster">Cluster it goes to (ignored by a split: each domain's routing decides).</param>
/// <param name="KeepSource">Keep the source copy and its role: the target becomes a replica (a move becomes <see cref="MigrationKind.AddReplica"/>).</param>
/// <param name="BatchSize">Points per batch, 1..10,000.</param>
/// <param name="Workers">Batches written at once, 1..16.</param>
/// <param name="MaxPointsPerSecond">Copy throttle; 0 unlimited.</param>
/// <param name="SkipChecksums">Verify by counts only.</param>
/// <param name="RequestId">Idempotency key.</param>
/// <param name="Reason">Why, for the move's reason and the history.</param>
/// <param name="SpecializationId">The SpecializeCluster operation that asked for it, if any.</param>
/// <param name="Kind">Move or split.</param>
/// <param name="MapVersion">Domain map version whose centroids a split classifies by.</param>
public sealed record MigrationStart(
    string Library,
    string DomainId,
    string? SourceCluster,
    string TargetCluster,
    bool KeepSource = false,
    uint BatchSize = 0,
    uint Workers = 0,
    uint MaxPointsPerSecond = 0,
    bool SkipChecksums = false,
    string? RequestId = null,
    string Reason = "",
    string? SpecializationId = null,
    MigrationKind Kind = MigrationKind.Move,
    ulong MapVersion = 0);
