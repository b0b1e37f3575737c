using System.Text.Json;
using MultiCluster.LocalCluster.Filtering;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>Qdrant's FieldCondition: a key with one test (match value / any / except / text, or range).</summary>
internal static class FieldConditionParser
{
    public static Condition Parse(JsonElement condition, string field)
    {
        var path = FilterParser.Key(condition.Required("key"), field);
        if (condition.Optional("match") is { } match)
        {
            return Match(path, match, $"{field}.match");
        }

        if (condition.Optional("range") is { } range)
        {
            return Range(path, range, $"{field}.range");
        }

        foreach (var unsupported in (string[])["geo_bounding_box", "geo_radius", "geo_polygon", "values_count", "is_empty", "is_null"])
        {
            if (condition.Optional(unsupported) is not null)
            {
                throw ApiException.Unsupported($"`{unsupported}` field conditions are not supported by LocalCluster (for emptiness use {{\"is_empty\": {{\"key\": ...}}}})");
            }
        }

        throw ApiException.Format($"{field}: a field condition needs `match` or `range`");
    }

    private static Condition Match(PayloadPath path, JsonElement match, string field)
    {
        if (match.Optional("value") is { } value)
        {
            return new MatchValueCondition(path, Scalar(value, $"{field}.value"));
        }

        if (match.Optional("any") is { } any)
        {
            return new MatchAnyCondition(path, Set(any, $"{field}.any"));
        }

        if (match.Optional("except") is { } except)
        {
            return new MatchExceptCondition(path, Set(except, $"{field}.except"));
        }

        if ((match.OptionalString("text") ?? match.OptionalString("phrase")) is { } text)
        {
            return new MatchTextCondition(path, text);
        }

        throw ApiException.Format($"{field}: expected one of `value`, `any`, `except`, `text`");
    }

    private static MatchScalar Scalar(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => MatchScalar.Of(value.GetString()!),
        JsonValueKind.True => MatchScalar.Of(true),
        JsonValueKind.False => MatchScalar.Of(false),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => MatchScalar.Of(integer),
        _ => throw ApiException.Format($"{field}: {value.GetRawText()} cannot be matched exactly (use a keyword, an integer or a boolean; a range for floats)"),
    };

    private static MatchSet Set(JsonElement values, string field)
    {
        var elements = values.Array(field).ToList();
        if (elements.All(e => e.ValueKind == JsonValueKind.String))
        {
            return MatchSet.Of(elements.Select(e => e.GetString()!));
        }

        if (elements.All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _)))
        {
            return MatchSet.Of(elements.Select(e => e.GetInt64()));
        }

        throw ApiException.Format($"{field}: expected a list of keywords or a list of integers, not a mix");
    }

    private static RangeCondition Range(PayloadPath path, JsonElement range, string field)
    {
        if (range.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Format($"{field}: expected an object with gt, gte, lt or lte");
        }

        try
        {
            return new RangeCondition(path, range.OptionalNumber("gt"), range.OptionalNumber("gte"), range.OptionalNumber("lt"), range.OptionalNumber("lte"));
        }
        catch (ApiException)
        {
            throw ApiException.Unsupported($"{field}: only numeric ranges are supported by LocalCluster (not datetime ranges)");
        }
    }
}
