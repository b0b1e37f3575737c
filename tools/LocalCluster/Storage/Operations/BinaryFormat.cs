using System.Text;
using System.Text.Json;

namespace MultiCluster.LocalCluster.Storage.Operations;

/// <summary>The pieces every on-disk format here shares: ids, vectors, payloads and strings in little-endian binary.</summary>
internal static class BinaryFormat
{
    public static void WriteId(this BinaryWriter writer, PointId id)
    {
        writer.Write(id.IsUuid);
        writer.Write((ulong)(id.Value >> 64));
        writer.Write((ulong)id.Value);
    }

    public static PointId ReadId(this BinaryReader reader)
    {
        var isUuid = reader.ReadBoolean();
        var high = reader.ReadUInt64();
        var low = reader.ReadUInt64();
        return PointId.FromParts(isUuid, new UInt128(high, low));
    }

    public static void WriteIds(this BinaryWriter writer, IReadOnlyList<PointId> ids)
    {
        writer.Write(ids.Count);
        foreach (var id in ids)
        {
            writer.WriteId(id);
        }
    }

    public static PointId[] ReadIds(this BinaryReader reader)
    {
        var ids = new PointId[ReadCount(reader)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = reader.ReadId();
        }

        return ids;
    }

    public static void WriteVector(this BinaryWriter writer, ReadOnlySpan<float> vector)
    {
        writer.Write(vector.Length);
        foreach (var component in vector)
        {
            writer.Write(component);
        }
    }

    public static float[] ReadVector(this BinaryReader reader)
    {
        var vector = new float[ReadCount(reader)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = reader.ReadSingle();
        }

        return vector;
    }

    /// <summary>A payload as its UTF-8 JSON text, length-prefixed; -1 for none.</summary>
    public static void WritePayload(this BinaryWriter writer, JsonElement? payload)
    {
        if (payload is not { } value)
        {
            writer.Write(-1);
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static JsonElement? ReadPayload(this BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0)
        {
            return null;
        }

        return JsonSerializer.Deserialize<JsonElement>(reader.ReadBytes(length));
    }

    public static void WriteText(this BinaryWriter writer, string? text)
    {
        if (text is null)
        {
            writer.Write(-1);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static string? ReadText(this BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : Encoding.UTF8.GetString(reader.ReadBytes(length));
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        return count < 0 || count > remaining
            ? throw new InvalidDataException($"A count of {count} does not fit in the {remaining} bytes left.")
            : count;
    }
}
