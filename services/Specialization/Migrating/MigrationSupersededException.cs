namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The job's row moved to a later attempt than the runner's: another host claimed it (this one lost its lease while
/// PostgreSQL restarted, or was too slow to notice). The runner stops without writing; the new attempt carries on from
/// the checkpoint, and a transaction that was about to change routing with this save is rolled back with it.
/// </summary>
public sealed class MigrationSupersededException(string operationId, int attempt)
    : Exception($"migration {operationId}: attempt {attempt} was superseded by a later attempt on another runner; this one stops.")
{
    public string OperationId { get; } = operationId;

    public int Attempt { get; } = attempt;
}
