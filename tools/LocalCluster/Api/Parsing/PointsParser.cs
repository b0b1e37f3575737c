using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>
/// The body of an upsert in either of Qdrant's forms: {"points": [{id, vector, payload}]} or
/// {"batch": {ids, vectors, payloads}}. One unnamed dense vector per point; at most <c>maxBatch</c> points.
/// </summary>
public static class PointsParser
{
    public static IReadOnlyList<PointRecord> Parse(JsonElement body, int maxBatch)
    {
        if (body.Optional("points") is { } points)
        {
            CheckSize(points.ValueKind == JsonValueKind.Array ? points.GetArrayLength() : 0, maxBatch);
            return [.. points.Array("points").Select((point, i) => Point(point, $"points[{i}]"))];
        }

        if (body.Optional("batch") is { } batch)
        {
            return Batch(batch, maxBatch);
        }

        throw ApiException.Format("data did not match any variant of untagged enum PointInsertOperations (expected `points` or `batch`)");
    }

    private static PointRecord Point(JsonElement point, string field) => new(
        PointIdParser.Parse(point.Required("id"), $"{field}.id"),
        Vector(point.Required("vector"), $"{field}.vector"),
        Payload(point.Optional("payload"), $"{field}.payload"));

    private static List<PointRecord> Batch(JsonElement batch, int maxBatch)
    {
        var ids = PointIdParser.ParseList(batch.Required("ids"), "batch.ids");
        CheckSize(ids.Count, maxBatch);
        var vectors = batch.Required("vectors");
        if (vectors.ValueKind == JsonValueKind.Object)
        {
            vectors = Unnamed(vectors, "batch.vectors");
        }

        var vectorList = vectors.Array("batch.vectors").Select((v, i) => JsonFields.Vector(v, $"batch.vectors[{i}]")).ToList();
        var payloads = batch.Optional("payloads") is { } p ? p.Array("batch.payloads").ToList() : null;
        if (vectorList.Count != ids.Count || (payloads is not null && payloads.Count != ids.Count))
        {
            throw ApiException.Validation("batch", $"number of ids ({ids.Count}), vectors ({vectorList.Count}) and payloads ({payloads?.Count ?? ids.Count}) must be equal");
        }

        return [.. ids.Select((id, i) => new PointRecord(id, vectorList[i], Payload(payloads?[i], $"batch.payloads[{i}]")))];
    }

    private static float[] Vector(JsonElement vector, string field) =>
        JsonFields.Vector(vector.ValueKind == JsonValueKind.Object ? Unnamed(vector, field) : vector, field);

    /// <summary>The named-vector form {"": [...]} with only the unnamed vector is accepted; real names are not.</summary>
    private static JsonElement Unnamed(JsonElement named, string field)
    {
        var properties = named.EnumerateObject().ToList();
        return properties is [{ Name: "" } only]
            ? only.Value
            : throw ApiException.Unsupported($"{field}: named, sparse and multi-vectors are not supported by LocalCluster; send one unnamed dense vector");
    }

    private static JsonElement? Payload(JsonElement? payload, string field) => payload switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Object } value => value,
        var other => throw ApiException.Format($"{field}: invalid type: {other.Value.ValueKind}, expected a JSON object"),
    };

    private static void CheckSize(int count, int maxBatch)
    {
        if (count > maxBatch)
        {
            throw ApiException.WrongInput($"{count} points in one request exceed the limit of {maxBatch} (--max-batch); split the upsert");
        }
    }
}
