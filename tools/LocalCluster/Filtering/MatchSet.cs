using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>A set of keywords or a set of integers (Qdrant takes one type per set), for "any" and "except".</summary>
public sealed class MatchSet
{
    private readonly HashSet<string>? _keywords;
    private readonly HashSet<long>? _integers;

    private MatchSet(HashSet<string>? keywords, HashSet<long>? integers)
    {
        _keywords = keywords;
        _integers = integers;
    }

    public bool HoldsKeywords => _keywords is not null;

    public static MatchSet Of(IEnumerable<string> keywords) => new([.. keywords], null);

    public static MatchSet Of(IEnumerable<long> integers) => new(null, [.. integers]);

    /// <summary>True, false, or null when the value is not of the set's type (a string against integers, say).</summary>
    public bool? Contains(JsonElement value)
    {
        if (_keywords is not null)
        {
            return value.ValueKind == JsonValueKind.String ? _keywords.Contains(value.GetString()!) : null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        return value.TryGetInt64(out var number) ? _integers!.Contains(number) : null;
    }
}
