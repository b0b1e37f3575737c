using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Starts, resumes, pauses, cancels and reports durable migration jobs. Every method validates what it is given and
/// throws <see cref="SpecializationException"/> with the right kind (unknown cluster, library or domain; source equal to
/// target; batch size or workers out of range; a second move of the same domain; a target without capacity or
/// draining). Start returns at once: the job runs in the background from its durable row.
/// </summary>
public sealed class MigrationCoordinator
{
    public Task<MigrationStatus> StartAsync(MigrationStart start, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<MigrationStatus> ResumeAsync(string operationId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<MigrationStatus> PauseAsync(string operationId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<MigrationStatus> CancelAsync(string operationId, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The job's status now; null when no job has that id.</summary>
    public Task<MigrationStatus?> GetAsync(string operationId, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The job's status now, then at every change, ending after its terminal status.</summary>
    public IAsyncEnumerable<MigrationStatus> WatchAsync(string operationId, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Jobs of the library (every library when empty) that are not terminal.</summary>
    public Task<IReadOnlyList<MigrationStatus>> ActiveAsync(string library, CancellationToken cancellationToken) => throw new NotImplementedException();
}
