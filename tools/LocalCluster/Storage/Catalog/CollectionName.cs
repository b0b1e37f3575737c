using System.Buffers;

namespace MultiCluster.LocalCluster.Storage.Catalog;

/// <summary>
/// What a collection (or alias) name may be: 1 to 255 characters, none of them a path separator or otherwise unsafe
/// in a file name, since each collection is a directory named after it.
/// </summary>
public static class CollectionName
{
    public const int MaxLength = 255;
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\:*?\"<>|\0");

    /// <summary>Null when the name is acceptable; otherwise what is wrong with it, in Qdrant's words.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "collection name cannot be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"collection name must be at most {MaxLength} characters long";
        }

        var bad = name.IndexOfAny(Forbidden);
        if (bad >= 0)
        {
            return $"collection name cannot contain \"{(name[bad] == '\0' ? "\\0" : name[bad].ToString())}\" char";
        }

        if (name is "." or ".." || name.Any(char.IsControl))
        {
            return "collection name cannot be \".\", \"..\" or contain control characters";
        }

        return null;
    }

    public static void Validate(string name)
    {
        if (Problem(name) is { } problem)
        {
            throw StorageException.BadInput(problem);
        }
    }
}
