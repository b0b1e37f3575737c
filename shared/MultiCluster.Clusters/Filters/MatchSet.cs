namespace MultiCluster.Clusters;

/// <summary>
/// A set of keywords or a set of integers for "any" (IN) and "except" (NOT IN) matches. Qdrant takes one type per
/// set, so exactly one of the two lists is set; build it with <see cref="Of(string[])"/> or <see cref="Of(long[])"/>.
/// </summary>
public sealed record MatchSet
{
    private MatchSet(IReadOnlyList<string>? keywords, IReadOnlyList<long>? integers)
    {
        Keywords = keywords;
        Integers = integers;
    }

    public IReadOnlyList<string>? Keywords { get; }

    public IReadOnlyList<long>? Integers { get; }

    public static MatchSet Of(params string[] keywords) => new(keywords, null);

    public static MatchSet Of(params long[] integers) => new(null, integers);

    public override string ToString() => Keywords is not null
        ? "[" + string.Join(", ", Keywords.Select(k => $"'{k}'")) + "]"
        : "[" + string.Join(", ", Integers!) + "]";
}
