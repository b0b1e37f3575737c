using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Point ids, points and hits between the port's records and Qdrant's gRPC messages.</summary>
internal static class PointConversions
{
    // Ids were validated by the request validator before anything is converted.
    public static G.PointId ToGrpc(string id) => PointId.TryParseNumber(id, out var number)
        ? new G.PointId { Num = number }
        : new G.PointId { Uuid = id.ToLowerInvariant() };

    public static string FromGrpc(G.PointId id) => id.PointIdOptionsCase switch
    {
        G.PointId.PointIdOptionsOneofCase.Num => id.Num.ToString(System.Globalization.CultureInfo.InvariantCulture),
        G.PointId.PointIdOptionsOneofCase.Uuid when PointId.TryCanonicalize(id.Uuid, out var canonical) => canonical,
        _ => throw new UnexpectedResponseException($"a point id that is neither an integer nor a UUID ('{id}')"),
    };

    public static G.PointStruct ToGrpc(PointRecord point)
    {
        var result = new G.PointStruct
        {
            Id = ToGrpc(point.Id),
            Vectors = new G.Vectors { Vector = new G.Vector { Dense = new G.DenseVector { Data = { point.Vector } } } },
        };
        PayloadConversions.ToGrpc(point.Payload, result.Payload);
        return result;
    }

    public static PointRecord FromGrpc(G.RetrievedPoint point) =>
        new(FromGrpc(point.Id), Vector(point.Vectors), PayloadConversions.FromGrpc(point.Payload));

    public static ScoredPoint FromGrpc(G.ScoredPoint point) =>
        new(FromGrpc(point.Id), point.Score, Vector(point.Vectors), PayloadConversions.FromGrpc(point.Payload));

    public static IReadOnlyList<ScoredPoint> FromGrpc(IEnumerable<G.ScoredPoint> points) => [.. points.Select(FromGrpc)];

    // The port has one unnamed dense vector; Qdrant sends it as "dense" (or the older "data" field).
    private static float[] Vector(G.VectorsOutput? vectors)
    {
        if (vectors is null || vectors.VectorsOptionsCase == G.VectorsOutput.VectorsOptionsOneofCase.None)
        {
            return [];
        }

        if (vectors.VectorsOptionsCase != G.VectorsOutput.VectorsOptionsOneofCase.Vector)
        {
            throw new UnexpectedResponseException("named vectors, where the port expects one unnamed dense vector");
        }

        var vector = vectors.Vector;
#pragma warning disable CS0612 // "data" is deprecated in favour of "dense", and still what older servers send.
        return vector.Dense is { } dense ? [.. dense.Data] : [.. vector.Data];
#pragma warning restore CS0612
    }
}
