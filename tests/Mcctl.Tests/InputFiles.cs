using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MultiCluster.Mcctl.Tests;

/// <summary>The input files the tests ingest: .npy written byte by byte as numpy's format describes, CSV and JSON lines.</summary>
internal static class InputFiles
{
    public const int Dimension = 4;

    /// <summary>
    /// <paramref name="count"/> points in <paramref name="blobs"/> well-apart blobs (centres 20 from the origin, one per
    /// axis, spread 0.5), in round-robin order so any prefix holds every blob.
    /// </summary>
    public static float[][] Blobs(int count, int blobs = 4) => Enumerable.Range(0, count).Select(i =>
    {
        var blob = i % blobs;
        return Enumerable.Range(0, Dimension)
            .Select(d => (d == blob % Dimension ? (blob < Dimension ? 20f : -20f) : 0f) + ((((i * 7) + (d * 3)) % 11 * 0.05f) - 0.25f)
                // A step per row on one other axis: no two rows are the same point, so a search for a row finds that row first.
                + (d == (blob + 1) % Dimension ? i * 1e-4f : 0f))
            .ToArray();
    }).ToArray();

    /// <summary>A version 1.0 .npy: magic, version, header length, the header dict padded to 64 bytes, then little-endian float32 rows.</summary>
    public static void Npy(string path, float[][] rows)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.Length}, {rows[0].Length}), }}";
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)padded.Length);
        stream.Write(word[..2]);
        stream.Write(Encoding.Latin1.GetBytes(padded));
        foreach (var value in rows.SelectMany(r => r))
        {
            BinaryPrimitives.WriteSingleLittleEndian(word, value);
            stream.Write(word);
        }
    }

    /// <summary>A CSV with a header "id,x0,x1,..." and ids starting at <paramref name="firstId"/>.</summary>
    public static void Csv(string path, float[][] rows, int firstId) =>
        File.WriteAllLines(path, [
            "id," + string.Join(',', Enumerable.Range(0, rows[0].Length).Select(d => $"x{d}")),
            .. rows.Select((r, i) => (firstId + i).ToString(CultureInfo.InvariantCulture) + "," + string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))),
        ]);

    /// <summary>JSON lines with ids from <paramref name="firstId"/> and a payload naming each point's blob.</summary>
    public static void JsonLines(string path, float[][] rows, int firstId) =>
        File.WriteAllLines(path, rows.Select((r, i) =>
            $"{{\"id\": {firstId + i}, \"vector\": [{string.Join(", ", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}], \"payload\": {{\"blob\": \"b{i % 4}\"}}}}"));

    /// <summary>A vector as mcctl's --vector takes it.</summary>
    public static string Text(float[] vector) => string.Join(',', vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
