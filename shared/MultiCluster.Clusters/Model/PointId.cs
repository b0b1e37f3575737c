using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MultiCluster.Clusters;

/// <summary>
/// The two forms a point id takes (see Point.id in protos/library/v1/common.proto): an unsigned 64-bit integer in
/// decimal without sign or leading zeros, or a UUID in the 36-character hyphenated form, any letter case.
/// Both map 1:1 onto the ids a cluster stores (an integer or a UUID), so the canonical form round-trips.
/// </summary>
public static class PointId
{
    /// <summary>True for a well-formed id; <paramref name="canonical"/> is then its canonical form (decimal, or lowercase UUID).</summary>
    public static bool TryCanonicalize(string? id, [NotNullWhen(true)] out string? canonical)
    {
        if (TryParseNumber(id, out var number))
        {
            canonical = number.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (TryParseUuid(id, out var uuid))
        {
            canonical = uuid.ToString("D");
            return true;
        }

        canonical = null;
        return false;
    }

    /// <summary>The decimal form: digits only, no leading zero (except "0" itself), at most 2^64 - 1.</summary>
    internal static bool TryParseNumber([NotNullWhen(true)] string? id, out ulong number)
    {
        number = 0;
        if (string.IsNullOrEmpty(id) || (id.Length > 1 && id[0] == '0'))
        {
            return false;
        }

        return ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The hyphenated UUID form only; braces, URNs and 32-digit forms are rejected so ids stay unambiguous.</summary>
    internal static bool TryParseUuid([NotNullWhen(true)] string? id, out Guid uuid)
    {
        uuid = Guid.Empty;
        return id is { Length: 36 } && Guid.TryParseExact(id, "D", out uuid);
    }
}
