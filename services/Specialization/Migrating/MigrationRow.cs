using MultiCluster.Contracts.V1;
using VerificationResult = MultiCluster.Contracts.V1.Verification;

namespace MultiCluster.Specialization.Migrating;

/// <summary>One row of the migrations table (Migrations/0004_migrations.sql): a durable migration job.</summary>
public sealed record MigrationRow
{
    public required string OperationId { get; init; }

    public required string Library { get; init; }

    public required string DomainId { get; init; }

    public MigrationKind Kind { get; init; } = MigrationKind.Move;

    public required string SourceCluster { get; init; }

    public required string TargetCluster { get; init; }

    public bool KeepSource { get; init; }

    /// <summary>The move as requested, defaults resolved.</summary>
    public required DomainMove Move { get; init; }

    /// <summary>The domain's routing row before the move began; null until PREPARING stored it.</summary>
    public RouteEntry? RouteBefore { get; init; }

    public string? RequestId { get; init; }

    public OperationState State { get; init; }

    public MigrationPhase Phase { get; init; }

    /// <summary>What an operator asked of the runner (pause or cancel), acted on after its current batch.</summary>
    public MigrationRequest Requested { get; init; }

    public int BatchSize { get; init; }

    public int Workers { get; init; }

    public int MaxPointsPerSecond { get; init; }

    public bool SkipChecksums { get; init; }

    /// <summary>Source scroll offset to resume copying from; null to start from the first point.</summary>
    public string? Checkpoint { get; init; }

    public long BatchesDone { get; init; }

    /// <summary>
    /// <see cref="Verification.PointDigest"/> (hex) of the target's points as read back batch by batch up to the
    /// checkpoint (<see cref="PointsCopied"/> of them); null before the first batch, and once the final check found it
    /// no longer stands for the source.
    /// </summary>
    public string? CopyDigest { get; init; }

    public long PointsCopied { get; init; }

    public long PointsTotal { get; init; }

    /// <summary>A split's points found in a domain already with another value (written there since): left as they are.</summary>
    public long PointsSkipped { get; init; }

    /// <summary>The domain map version whose centroids a split classifies by; 0 for a move.</summary>
    public ulong MapVersion { get; init; }

    /// <summary>A split's pass over "unassigned": 1, then one more for each round of points that arrived meanwhile.</summary>
    public int Pass { get; init; } = 1;

    public int Attempt { get; init; } = 1;

    public VerificationResult? Verification { get; init; }

    public OperationError? Error { get; init; }

    public string? SpecializationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the source may be dropped (set when routing flipped).</summary>
    public DateTimeOffset? CleanupAfter { get; init; }

    public string Collection => MultiCluster.Clusters.LibraryName.Collection(Library, DomainId);

    public bool IsTerminal => State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;

    /// <summary>Routing has flipped (or is flipping) to the target: pausing and cancelling are over.</summary>
    public bool IsSplit => Kind == MigrationKind.Split;

    public bool IsReplicaDrop => Kind == MigrationKind.DropReplica;

    public bool HasSwitched => Phase is MigrationPhase.Switching or MigrationPhase.CleaningUp or MigrationPhase.Completed;
}
