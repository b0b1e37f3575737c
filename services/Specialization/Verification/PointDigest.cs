using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Verification;

/// <summary>
/// An order-independent digest of a set of points over (id, vector, payload): the wrapping 128-bit sum of one
/// XxHash128 per point. A sum rather than an XOR so that a point present twice does not cancel out; order-independent
/// so that two clusters that return the same points in different pages, or batches written in parallel, agree.
/// Payloads are hashed in a canonical JSON form (keys sorted at every level, numbers by value), because a cluster
/// may return keys in another order or an integer as 1.0.
/// </summary>
public sealed class PointDigest
{
    private UInt128 _sum;

    /// <summary>A digest as stored (<see cref="Hex"/>) with its point count, to go on adding to after a restart.</summary>
    public static PointDigest FromHex(string hex, long count) => new()
    {
        _sum = UInt128.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        Count = count,
    };

    /// <summary>Points added.</summary>
    public long Count { get; private set; }

    /// <summary>The digest as 32 lowercase hex digits.</summary>
    public string Hex => _sum.ToString("x32", CultureInfo.InvariantCulture);

    public void Add(PointRecord point)
    {
        ArgumentNullException.ThrowIfNull(point);
        _sum += Of(point);
        Count++;
    }

    public void AddRange(IEnumerable<PointRecord> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var point in points)
        {
            Add(point);
        }
    }

    /// <summary>Adds another digest's points (digests of disjoint parts combine into the digest of the whole).</summary>
    public void Add(PointDigest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _sum += other._sum;
        Count += other.Count;
    }

    /// <summary>The hash of one point.</summary>
    public static UInt128 Of(PointRecord point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var hash = new XxHash128();
        var id = PointId.TryCanonicalize(point.Id, out var canonical) ? canonical : point.Id;
        hash.Append(Encoding.UTF8.GetBytes(id));
        hash.Append([0]);
        hash.Append(MemoryMarshal.AsBytes(point.Vector.AsSpan()));
        hash.Append([0]);
        if (point.Payload is { } payload)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCanonical(writer, payload);
            }

            hash.Append(buffer.WrittenSpan);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                // By value: 1, 1.0 and 1e0 are the same number, whichever way a cluster hands it back.
                writer.WriteNumberValue(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
