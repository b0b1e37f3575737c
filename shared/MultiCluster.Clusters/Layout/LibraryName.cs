using System.Text.RegularExpressions;

namespace MultiCluster.Clusters;

/// <summary>The form of library and domain names (common.proto): lowercase, short, never containing the "__" separator.</summary>
public static partial class LibraryName
{
    /// <summary>Separator between library and domain in a collection name, "{library}__{domain}".</summary>
    public const string Separator = "__";

    /// <summary>Domain id of the collection that holds a library's points not yet classified.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>The physical collection of one domain of a library on every cluster it is placed on.</summary>
    public static string Collection(string library, string domainId) => library + Separator + domainId;

    /// <summary>Library and domain of a collection named "{library}__{domain}"; false for any other name.</summary>
    public static bool TrySplit(string collection, out string library, out string domainId)
    {
        var at = collection.IndexOf(Separator, StringComparison.Ordinal);
        (library, domainId) = at > 0 ? (collection[..at], collection[(at + Separator.Length)..]) : ("", "");
        return at > 0 && domainId.Length > 0;
    }

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
