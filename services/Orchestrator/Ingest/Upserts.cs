using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// Upsert: the batch checked (a bad point is listed, the good ones written), each point routed to its nearest domain,
/// written to every write cluster of that domain. The whole call is refused only when nothing in it could be written.
/// </summary>
public sealed class Upserts(IngestLibraries libraries, PointWriter writer)
{
    public async Task<UpsertResponse> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = await libraries.RoutesAsync(request.Library, "library", cancellationToken);
        PointValidator.RequireBatchSize(request.Points.Count, "points");
        var (valid, failures) = PointValidator.Validate(request.Points, routes.Library);
        if (valid.Count == 0)
        {
            throw OrchestratorException.Invalid(failures[0].Reason + (failures.Count > 1 ? $" (and {failures.Count - 1} more points refused; none was written)" : ""));
        }

        var outcome = await writer.WriteAsync(routes, [.. valid.Select(v => new RoutedPoint(v, routes.For(v.Record.Vector)))], request.Wait, cancellationToken);
        var response = new UpsertResponse { UpsertedCount = (ulong)outcome.Written };
        response.Failures.AddRange(failures);
        response.Failures.AddRange(outcome.Failures);
        response.Partial = response.Failures.Count > 0;
        if (request.ReturnAssignments)
        {
            response.Assignments.AddRange(outcome.Assignments);
        }

        return response;
    }
}
