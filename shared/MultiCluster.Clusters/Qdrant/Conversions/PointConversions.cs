using System.Globalization;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Point ids and points between the port's records and Qdrant's wire shapes.</summary>
internal static class PointConversions
{
    /// <summary>The port's string id to Qdrant's integer or UUID; ids are validated before conversion.</summary>
    public static WirePointId ToWire(string id)
    {
        if (PointId.TryParseNumber(id, out var number))
        {
            return WirePointId.Of(number);
        }

        if (PointId.TryParseUuid(id, out var uuid))
        {
            return WirePointId.Of(uuid);
        }

        throw new ArgumentException($"'{id}' is not a point id; validate ids before converting them.", nameof(id));
    }

    /// <summary>Qdrant's id to the canonical string form: decimal, or lowercase hyphenated UUID.</summary>
    public static string FromWire(WirePointId id)
    {
        if (id.Number is { } number)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        return Guid.TryParse(id.Uuid, out var uuid)
            ? uuid.ToString("D")
            : throw new UnexpectedResponseException($"point id '{id.Uuid}' is neither an unsigned integer nor a UUID");
    }

    public static WirePointStruct ToWire(PointRecord point) => new()
    {
        Id = ToWire(point.Id),
        Vector = point.Vector,
        Payload = point.Payload,
    };

    public static PointRecord FromWire(WireRecord record) => new(FromWire(record.Id), record.Vector ?? [], record.Payload);

    public static ScoredPoint FromWire(WireScoredPoint point) => new(FromWire(point.Id), point.Score, point.Vector ?? [], point.Payload);

    public static IReadOnlyList<ScoredPoint> FromWire(List<WireScoredPoint> points) => points.ConvertAll(FromWire);
}
