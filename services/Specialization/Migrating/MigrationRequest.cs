namespace MultiCluster.Specialization.Migrating;

/// <summary>What an operator asked of a running migration (the "requested" column).</summary>
public enum MigrationRequest
{
    None = 0,

    /// <summary>Stop after the current batch, keep the checkpoint, state PAUSED.</summary>
    Pause = 1,

    /// <summary>Stop after the current batch, roll routing back, drop the target, state CANCELLED.</summary>
    Cancel = 2,
}
