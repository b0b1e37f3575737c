using Google.Protobuf;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Specialization.History;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>Computed plans (table plans), each stored with its "placement.planned" event and its history record.</summary>
public sealed class PlanStore(NpgsqlDataSource dataSource, OutboxWriter outbox, HistoryStore history)
{
    public async Task SaveAsync(PlacementPlan plan, IReadOnlyList<Issue> issues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(issues);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            "INSERT INTO plans (plan_id, library, map_version, plan, created_at) VALUES (@id, @library, @version, @plan, @created)", connection, transaction))
        {
            command.Parameters.AddWithValue("id", plan.PlanId);
            command.Parameters.AddWithValue("library", plan.Library);
            command.Parameters.AddWithValue("version", (long)plan.DomainMapVersion);
            command.Parameters.AddWithValue("plan", plan.ToByteArray());
            command.Parameters.AddWithValue("created", plan.CreatedAt.ToDateTimeOffset());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.WriteAsync(transaction, Topics.PlacementPlanned, new PlacementPlannedEvent { Plan = plan }, cancellationToken);
        var errors = issues.Count(i => i.Severity == IssueSeverity.Error);
        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.Plan,
            OperationId = plan.PlanId,
            Library = plan.Library,
            State = OperationState.Succeeded,
            Summary = $"plan for map v{plan.DomainMapVersion} ({plan.Strategy}): {plan.Placements.Count - 1} domains placed, {plan.Moves.Count} moves" +
                (errors > 0 ? $", {errors} left unplaced" : ""),
            StartedAt = plan.CreatedAt,
            FinishedAt = plan.CreatedAt,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The plan of that id; null when none.</summary>
    public async Task<PlacementPlan?> GetAsync(string planId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT plan FROM plans WHERE plan_id = @id");
        command.Parameters.AddWithValue("id", planId);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? PlacementPlan.Parser.ParseFrom(bytes) : null;
    }

    /// <summary>True when some plan for the library's map version is stored.</summary>
    public async Task<bool> ExistsForMapAsync(string library, ulong mapVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM plans WHERE library = @library AND map_version = @version)");
        command.Parameters.AddWithValue("library", library);
        command.Parameters.AddWithValue("version", (long)mapVersion);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
