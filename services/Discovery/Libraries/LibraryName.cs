using System.Text.RegularExpressions;

namespace MultiCluster.Discovery.Libraries;

/// <summary>The form of library and domain names (common.proto): lowercase, short, never containing the "__" separator.</summary>
public static partial class LibraryName
{
    /// <summary>Separator between library and domain in a collection name, "{library}__{domain}".</summary>
    public const string Separator = "__";

    public static bool IsValid(string name) => LibraryPattern().IsMatch(name) && !name.Contains(Separator, StringComparison.Ordinal);

    public static bool IsValidDomainId(string id) => DomainPattern().IsMatch(id);

    /// <summary>The name as it may be quoted in an error: short, without control characters.</summary>
    public static string Quote(string value)
    {
        var cleaned = new string(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > 80 ? $"'{cleaned}…'" : $"'{cleaned}'";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex LibraryPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,47}$")]
    private static partial Regex DomainPattern();
}
