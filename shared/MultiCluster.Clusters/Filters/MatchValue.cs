using System.Diagnostics.CodeAnalysis;

namespace MultiCluster.Clusters;

/// <summary>What kind of scalar a <see cref="MatchValue"/> holds.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Mirrors the contracts' MatchValue (keyword, integer, boolean).")]
public enum MatchValueKind
{
    Keyword,
    Integer,
    Boolean,
}

/// <summary>
/// A scalar a payload value is compared with for equality: a keyword (exact, case-sensitive string), an integer or a
/// boolean. Floats cannot be matched for equality (use a range), as in Qdrant.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Mirrors the contracts' MatchValue (keyword, integer, boolean).")]
public sealed record MatchValue
{
    private MatchValue(MatchValueKind kind, string? keyword, long integer, bool boolean)
    {
        Kind = kind;
        KeywordValue = keyword;
        IntegerValue = integer;
        BooleanValue = boolean;
    }

    public MatchValueKind Kind { get; }

    public string? KeywordValue { get; }

    public long IntegerValue { get; }

    public bool BooleanValue { get; }

    public static MatchValue Keyword(string value) => new(MatchValueKind.Keyword, value ?? throw new ArgumentNullException(nameof(value)), 0, false);

    public static MatchValue Integer(long value) => new(MatchValueKind.Integer, null, value, false);

    public static MatchValue Boolean(bool value) => new(MatchValueKind.Boolean, null, 0, value);

    public static implicit operator MatchValue(string value) => Keyword(value);

    public static implicit operator MatchValue(long value) => Integer(value);

    public static implicit operator MatchValue(bool value) => Boolean(value);

    public override string ToString() => Kind switch
    {
        MatchValueKind.Keyword => $"'{KeywordValue}'",
        MatchValueKind.Integer => IntegerValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => BooleanValue ? "true" : "false",
    };
}
