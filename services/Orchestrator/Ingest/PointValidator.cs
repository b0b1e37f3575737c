using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// The checks of Upsert and UpsertStream on each point (id form, vector length and values, payload size). A bad point
/// becomes a failure naming its field, "points[i]...", and the good points of the batch are still written.
/// </summary>
public static class PointValidator
{
    public const int MaxPointsPerBatch = 10_000;

    /// <summary>A payload's JSON may take this much; bigger documents belong in a store of their own, referenced by the payload.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Refuses a batch that is not one at all (no points, too many); per-point problems are not refused here.</summary>
    public static void RequireBatchSize(int count, string field)
    {
        if (count == 0)
        {
            throw OrchestratorException.Invalid($"{field}: no points given; send 1 to {MaxPointsPerBatch:N0} points per call.");
        }

        if (count > MaxPointsPerBatch)
        {
            throw OrchestratorException.Exhausted(
                $"{field}: {count:N0} points in one batch; at most {MaxPointsPerBatch:N0}. Split it, or send it through UpsertStream in batches of {MaxPointsPerBatch:N0} or fewer.");
        }
    }

    /// <summary>Valid points and failures, each failure naming "points[i]" (and <paramref name="where"/>, e.g. the stream's batch).</summary>
    public static (List<ValidatedPoint> Valid, List<PointFailure> Failures) Validate(IReadOnlyList<Point> points, Library library, string where = "")
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(library);
        var valid = new List<ValidatedPoint>(points.Count);
        var failures = new List<PointFailure>();
        for (var i = 0; i < points.Count; i++)
        {
            var problem = Check(points[i], library, i, out var record);
            if (problem is null)
            {
                valid.Add(new ValidatedPoint(i, points[i].Id, record!));
            }
            else
            {
                failures.Add(new PointFailure { Id = points[i].Id, Code = "INVALID_ARGUMENT", Reason = problem + where });
            }
        }

        return (valid, failures);
    }

    private static string? Check(Point point, Library library, int i, out PointRecord? record)
    {
        record = null;
        if (!PointId.TryCanonicalize(point.Id, out var id))
        {
            return $"points[{i}].id: {LibraryName.Quote(point.Id)} is not a point id; use an unsigned 64-bit integer in decimal (\"42\") or a hyphenated UUID.";
        }

        if (point.Vector.Count != library.Dimension)
        {
            return $"points[{i}].vector: {point.Vector.Count} values, but library '{library.Name}' has dimension {library.Dimension}; every point needs exactly {library.Dimension}.";
        }

        var vector = new float[point.Vector.Count];
        for (var j = 0; j < vector.Length; j++)
        {
            var value = point.Vector[j];
            if (!float.IsFinite(value))
            {
                return $"points[{i}].vector[{j}]: {value} is not a finite number; vectors must hold finite values only.";
            }

            vector[j] = value;
        }

        System.Text.Json.Nodes.JsonObject? payload = null;
        if (point.Payload is { } given)
        {
            var (json, bytes) = Payloads.ToJson(given);
            if (json is null)
            {
                return $"points[{i}].payload: not representable as JSON (a NaN or infinite number?); use finite numbers, strings, booleans, lists and objects.";
            }

            if (bytes > MaxPayloadBytes)
            {
                return $"points[{i}].payload: {bytes:N0} bytes as JSON; at most {MaxPayloadBytes:N0}. Keep large documents elsewhere and store a reference.";
            }

            payload = json;
        }

        record = new PointRecord(id, vector, payload);
        return null;
    }
}
