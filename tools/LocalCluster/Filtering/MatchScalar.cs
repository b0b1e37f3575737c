using System.Globalization;
using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>What a value is compared with for equality: a keyword, an integer or a boolean (floats are never equal).</summary>
public readonly record struct MatchScalar
{
    private MatchScalar(JsonValueKind kind, string? keyword, long number)
    {
        Kind = kind;
        KeywordValue = keyword;
        IntegerValue = number;
    }

    /// <summary>String, Number (an integer) or True/False.</summary>
    public JsonValueKind Kind { get; }

    public string? KeywordValue { get; }

    public long IntegerValue { get; }

    public static MatchScalar Of(string keyword) => new(JsonValueKind.String, keyword, 0);

    public static MatchScalar Of(long number) => new(JsonValueKind.Number, null, number);

    public static MatchScalar Of(bool value) => new(value ? JsonValueKind.True : JsonValueKind.False, null, 0);

    public bool Equals(JsonElement value) => Kind switch
    {
        JsonValueKind.String => value.ValueKind == JsonValueKind.String && value.ValueEquals(KeywordValue),
        JsonValueKind.Number => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n == IntegerValue,
        _ => value.ValueKind == Kind,
    };

    public override string ToString() => Kind switch
    {
        JsonValueKind.String => KeywordValue!,
        JsonValueKind.Number => IntegerValue.ToString(CultureInfo.InvariantCulture),
        _ => Kind == JsonValueKind.True ? "true" : "false",
    };
}
