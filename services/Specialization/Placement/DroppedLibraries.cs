using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Storage.Postgres;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// Forgets a dropped library: ends its specializations so no further migration starts, cancels its migrations, then
/// deletes its placements, plans, maps, policy, finished migrations and routing versions. Only what was made at or
/// before the drop is touched, so a library created again under the name keeps what it has made since, and a repeated
/// event deletes nothing more. The routing head stays: a table made after the drop continues the version numbers, so
/// no reader mistakes it for a version of the dropped library it has cached.
/// </summary>
public sealed partial class DroppedLibraries(NpgsqlDataSource dataSource, MigrationStore migrations, MigrationCoordinator coordinator, ILogger<DroppedLibraries> logger)
{
    // Specializations before the plans they name; finished migrations only: one still running is waited for.
    private static readonly string[] ForgetStatements =
    [
        "DELETE FROM specializations WHERE library = @library AND created_at <= @at AND state IN (4, 5, 6)",
        "DELETE FROM plans p WHERE library = @library AND created_at <= @at AND NOT EXISTS (SELECT 1 FROM specializations s WHERE s.plan_id = p.plan_id)",
        SpecializationStore.ForgetPlacementsStatement,
        "DELETE FROM domain_maps WHERE library = @library AND received_at <= @at",
        "DELETE FROM policies WHERE library = @library AND updated_at <= @at",
        "DELETE FROM migrations WHERE library = @library AND created_at <= @at AND state IN (4, 5, 6)",
        "DELETE FROM routing_versions WHERE library = @library AND created_at <= @at",
    ];

    /// <summary>Forgets the library as it was at <paramref name="droppedAt"/>.</summary>
    /// <exception cref="SpecializationException">A migration of the library could not be stopped yet (it has switched routing and finishes by itself); the event is to be delivered again.</exception>
    public async Task ForgetAsync(string library, DateTimeOffset droppedAt, CancellationToken cancellationToken)
    {
        await EndSpecializationsAsync(library, droppedAt, cancellationToken);
        foreach (var row in await ActiveBeforeAsync(library, droppedAt, cancellationToken))
        {
            try
            {
                await coordinator.CancelAsync(row.OperationId, cancellationToken);
            }
            catch (SpecializationException e)
            {
                // Past the point of no return: it ends by itself, and the event comes again until it has.
                LogNotCancelled(row.OperationId, library, e.Message);
            }
        }

        if (await ActiveBeforeAsync(library, droppedAt, cancellationToken) is [var left, ..])
        {
            throw SpecializationException.Precondition(
                $"library: migration {left.OperationId} of dropped library '{library}' is still {left.State}; its state is forgotten once it ends.");
        }

        var deleted = await LibraryStatePurge.RunAsync(dataSource, ForgetStatements, library, droppedAt, cancellationToken);
        LogForgotten(library, deleted[^1], deleted[2]);
    }

    private async Task EndSpecializationsAsync(string library, DateTimeOffset droppedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE specializations SET state = @cancelled, finished_at = now() WHERE library = @library AND created_at <= @at AND state IN (1, 2, 3)");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("at", droppedAt);
        command.Parameters.AddWithValue("cancelled", (short)OperationState.Cancelled);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<MigrationRow>> ActiveBeforeAsync(string library, DateTimeOffset droppedAt, CancellationToken cancellationToken) =>
        [.. (await migrations.ActiveAsync(library, cancellationToken)).Where(m => m.CreatedAt <= droppedAt)];

    [LoggerMessage(EventId = 480, Level = LogLevel.Information, Message = "Library {Library} was dropped: {Versions} routing versions and {Placements} placements forgotten")]
    private partial void LogForgotten(string library, int versions, int placements);

    [LoggerMessage(EventId = 481, Level = LogLevel.Information, Message = "Migration {OperationId} of dropped library {Library} was not cancelled: {Reason}")]
    private partial void LogNotCancelled(string operationId, string library, string reason);
}
