using System.Text.Json;
using MultiCluster.LocalCluster.Filtering;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>
/// Qdrant's Filter and Condition JSON into <see cref="Filter"/>: must / should / must_not (one condition or a list),
/// min_should; field conditions (match value / any / except / text, range), has_id, is_empty, is_null, nested, and
/// nested filters. Unknown fields are rejected, as Qdrant's filter denies them.
/// </summary>
public static class FilterParser
{
    private static readonly HashSet<string> FilterFields = ["must", "should", "must_not", "min_should"];

    public static Filter? ParseOptional(JsonElement body, string field = "filter") =>
        body.Optional(field) is { } filter ? Parse(filter, field) : null;

    public static Filter Parse(JsonElement filter, string field)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Format($"{field}: invalid type: {filter.ValueKind}, expected struct Filter");
        }

        foreach (var property in filter.EnumerateObject())
        {
            if (!FilterFields.Contains(property.Name))
            {
                throw ApiException.Format($"{field}: unknown field `{property.Name}`, expected one of `should`, `min_should`, `must`, `must_not`");
            }
        }

        return new Filter(
            Conditions(filter, "must", field),
            Conditions(filter, "should", field),
            Conditions(filter, "must_not", field),
            MinShould(filter, field));
    }

    private static List<Condition>? Conditions(JsonElement filter, string name, string field)
    {
        if (filter.Optional(name) is not { } value)
        {
            return null;
        }

        var path = $"{field}.{name}";
        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(c => ParseCondition(c, path))]
            : [ParseCondition(value, path)];
    }

    private static MinShould? MinShould(JsonElement filter, string field)
    {
        if (filter.Optional("min_should") is not { } value)
        {
            return null;
        }

        var conditions = value.Required("conditions").Array($"{field}.min_should.conditions")
            .Select(c => ParseCondition(c, $"{field}.min_should")).ToList();
        return new MinShould(conditions, value.OptionalCount("min_count") ?? throw ApiException.Format("missing field `min_count`"));
    }

    private static Condition ParseCondition(JsonElement condition, string field)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Format($"{field}: a condition must be an object, not {condition.ValueKind}");
        }

        if (condition.Optional("key") is not null)
        {
            return FieldConditionParser.Parse(condition, field);
        }

        if (condition.Optional("has_id") is { } ids)
        {
            return new HasIdCondition(PointIdParser.ParseList(ids, $"{field}.has_id"));
        }

        if (condition.Optional("is_empty") is { } isEmpty)
        {
            return new IsEmptyCondition(Key(isEmpty.Required("key"), $"{field}.is_empty"));
        }

        if (condition.Optional("is_null") is { } isNull)
        {
            return new IsNullCondition(Key(isNull.Required("key"), $"{field}.is_null"));
        }

        if (condition.Optional("nested") is { } nested)
        {
            return new NestedCondition(Key(nested.Required("key"), $"{field}.nested"), Parse(nested.Required("filter"), $"{field}.nested.filter"));
        }

        if (condition.Optional("has_vector") is not null)
        {
            throw ApiException.Unsupported("has_vector conditions need named vectors, which LocalCluster does not support");
        }

        return new FilterCondition(Parse(condition, field));
    }

    internal static PayloadPath Key(JsonElement key, string field) =>
        key.ValueKind == JsonValueKind.String && PayloadPath.TryParse(key.GetString(), out var path)
            ? path
            : throw ApiException.Format($"{field}.key: {key.GetRawText()} is not a payload key (e.g. \"city\", \"meta.author\", \"tags[]\")");
}
