using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MultiCluster.Mcctl.Ingest;

/// <summary>
/// A numpy .npy file of float32 rows (2-D, C order). Hand-written rather than a package: no .npy reader is served here
/// (NumSharp-like libraries bring a whole ndarray runtime for what is a documented header — magic, version, a Python
/// dict literal with descr, fortran_order and shape — followed by raw little-endian values), and only this one shape
/// and dtype is needed.
/// </summary>
internal sealed partial class NpyFile : IPointFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private readonly string _path;
    private readonly long _dataOffset;
    private readonly int _columns;

    private NpyFile(string path, long dataOffset, long rows, int columns)
    {
        _path = path;
        _dataOffset = dataOffset;
        Rows = rows;
        _columns = columns;
    }

    public long Rows { get; }

    public int? Dimension => _columns;

    public static NpyFile Open(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> prefix = stackalloc byte[12];
        if (stream.Read(prefix) < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            throw CliException.Usage($"{path}: not a numpy .npy file (no \\x93NUMPY magic); save it with numpy.save, or give --format.");
        }

        var major = prefix[6];
        // Version 1 has a 2-byte header length, versions 2 and 3 a 4-byte one.
        var (headerLength, headerStart) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10]), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]), 12);
        var header = new byte[headerLength];
        stream.Position = headerStart;
        stream.ReadExactly(header);
        var text = Encoding.Latin1.GetString(header);
        var descr = DescrPattern().Match(text);
        if (!descr.Success || descr.Groups[1].Value is not ("<f4" or "|f4" or "=f4"))
        {
            throw CliException.Usage($"{path}: dtype {(descr.Success ? descr.Groups[1].Value : "unknown")}; mcctl reads float32 (<f4): save with array.astype('float32').");
        }

        if (FortranPattern().IsMatch(text))
        {
            throw CliException.Usage($"{path}: Fortran-ordered array; save it with numpy.save(path, numpy.ascontiguousarray(array)).");
        }

        var shape = ShapePattern().Match(text);
        var dims = shape.Success
            ? shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray()
            : [];
        if (dims.Length != 2 || dims[1] is < 1 or > int.MaxValue)
        {
            throw CliException.Usage($"{path}: shape ({string.Join(", ", dims)}); mcctl reads 2-D arrays, one vector per row.");
        }

        var dataOffset = headerStart + headerLength;
        var expected = dataOffset + (dims[0] * dims[1] * sizeof(float));
        return stream.Length >= expected
            ? new NpyFile(path, dataOffset, dims[0], (int)dims[1])
            : throw CliException.Usage($"{path}: {stream.Length:N0} bytes, but shape ({dims[0]}, {dims[1]}) needs {expected:N0}: the file is cut short.");
    }

    public IEnumerable<Point> Read(long skip)
    {
        using var stream = File.OpenRead(_path);
        var rowBytes = _columns * sizeof(float);
        stream.Position = _dataOffset + (skip * rowBytes);
        var buffer = new byte[rowBytes];
        for (var row = skip; row < Rows; row++)
        {
            stream.ReadExactly(buffer);
            var point = new Point { Id = row.ToString(CultureInfo.InvariantCulture) };
            for (var i = 0; i < _columns; i++)
            {
                point.Vector.Add(BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(i * sizeof(float))));
            }

            yield return point;
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
