using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Verification;

/// <summary>
/// Point ids in the order a cluster scrolls them (Qdrant's): every integer before every UUID, integers by value, UUIDs
/// by their big-endian bytes — which is the ordinal order of their canonical lowercase hyphenated text.
/// </summary>
public sealed class PointOrder : IComparer<string>
{
    public static readonly PointOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (xIsUuid, xNumber, xText) = Key(x);
        var (yIsUuid, yNumber, yText) = Key(y);
        return xIsUuid != yIsUuid
            ? (xIsUuid ? 1 : -1)
            : xIsUuid ? string.CompareOrdinal(xText, yText) : xNumber.CompareTo(yNumber);
    }

    private static (bool IsUuid, ulong Number, string Text) Key(string? id)
    {
        var canonical = PointId.TryCanonicalize(id, out var c) ? c : id ?? "";
        return ulong.TryParse(canonical, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? (false, number, canonical)
            : (true, 0, canonical);
    }
}
