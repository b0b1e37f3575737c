using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Routing;

/// <summary>The "library" field of a request checked, with the message a caller can act on.</summary>
public static class LibraryArgument
{
    /// <summary>Refuses a malformed name; an empty one too unless <paramref name="emptyMeans"/> says what empty stands for (e.g. "every library").</summary>
    public static void Check(string library, string? emptyMeans = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (library.Length == 0 && emptyMeans is null)
        {
            throw SpecializationException.Invalid("library: required; name the library (lowercase letters, digits, '-' and '_').");
        }

        if (library.Length > 0 && !LibraryName.IsValid(library))
        {
            throw SpecializationException.Invalid($"library: {LibraryName.Quote(library)} is not a library name (lowercase letters, digits, '-' and '_', " +
                "at most 63, starting with a letter or digit, no \"__\"); name an existing library" + (emptyMeans is null ? "." : $", or leave it empty for {emptyMeans}."));
        }
    }
}
