using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>
/// A point id as Qdrant has them: an unsigned 64-bit integer or a UUID. Ordered as Qdrant orders them (every
/// integer before every UUID, UUIDs by their big-endian bytes), which is the order scroll pages follow.
/// </summary>
public readonly record struct PointId : IComparable<PointId>
{
    private PointId(bool isUuid, UInt128 value)
    {
        IsUuid = isUuid;
        Value = value;
    }

    public bool IsUuid { get; }

    /// <summary>The integer, or the UUID's 128 bits read big-endian.</summary>
    public UInt128 Value { get; }

    public static PointId Min => new(false, UInt128.Zero);

    public static PointId Max => new(true, UInt128.MaxValue);

    public static PointId FromNumber(ulong number) => new(false, number);

    public static PointId FromUuid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new(true, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    /// <summary>Rebuilds an id from its stored parts (see <see cref="IsUuid"/> and <see cref="Value"/>).</summary>
    public static PointId FromParts(bool isUuid, UInt128 value) =>
        !isUuid && value > ulong.MaxValue ? throw new ArgumentOutOfRangeException(nameof(value)) : new(isUuid, value);

    /// <summary>Parses the text form: decimal digits, or a UUID in any of the usual spellings.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PointId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            id = FromNumber(number);
            return true;
        }

        if (Guid.TryParse(text, out var uuid))
        {
            id = FromUuid(uuid);
            return true;
        }

        return false;
    }

    public Guid ToGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new Guid(bytes, bigEndian: true);
    }

    public ulong ToNumber() => IsUuid ? throw new InvalidOperationException("A UUID id has no integer form.") : (ulong)Value;

    public int CompareTo(PointId other) => IsUuid != other.IsUuid ? (IsUuid ? 1 : -1) : Value.CompareTo(other.Value);

    public static bool operator <(PointId left, PointId right) => left.CompareTo(right) < 0;

    public static bool operator >(PointId left, PointId right) => left.CompareTo(right) > 0;

    public static bool operator <=(PointId left, PointId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PointId left, PointId right) => left.CompareTo(right) >= 0;

    /// <summary>Decimal for integers, lowercase hyphenated for UUIDs: the form Qdrant returns.</summary>
    public override string ToString() =>
        IsUuid ? ToGuid().ToString("D") : ((ulong)Value).ToString(CultureInfo.InvariantCulture);
}
