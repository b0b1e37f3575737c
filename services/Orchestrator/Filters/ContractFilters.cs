using System.Text.RegularExpressions;
using MultiCluster.Clusters;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Filters;

/// <summary>
/// The contract's Filter (common.proto) as the cluster port's <see cref="Filter"/>, checked on the way: every oneof
/// set, keys in Qdrant's key syntax, ids in a Point.id form, ranges bounded. A fault is an INVALID_ARGUMENT naming
/// its field path ("filter.must[2].field.key: ..."). Shared by every RPC that takes a filter (Delete, Search).
/// </summary>
public static partial class ContractFilters
{
    /// <summary>Nesting allowed: enough for any real grouping, little enough that a hostile request cannot recurse deep.</summary>
    public const int MaxDepth = 16;

    public const int MaxKeyLength = 256;

    public static Filter ToCluster(V1.Filter filter, string field) => Convert(filter ?? throw new ArgumentNullException(nameof(filter)), field, 0);

    /// <summary>A search's filter: null when absent or empty (every point matches), else <see cref="ToCluster"/>.</summary>
    public static Filter? Optional(V1.Filter? filter, string field) =>
        filter is null || (filter.Must.Count == 0 && filter.Should.Count == 0 && filter.MustNot.Count == 0) ? null : ToCluster(filter, field);

    private static Filter Convert(V1.Filter filter, string field, int depth)
    {
        if (depth > MaxDepth)
        {
            throw OrchestratorException.Invalid($"{field}: filters nested more than {MaxDepth} deep; flatten the conditions.");
        }

        return new Filter(
            filter.Must.Select((c, i) => Convert(c, $"{field}.must[{i}]", depth)).ToList(),
            filter.Should.Select((c, i) => Convert(c, $"{field}.should[{i}]", depth)).ToList(),
            filter.MustNot.Select((c, i) => Convert(c, $"{field}.must_not[{i}]", depth)).ToList());
    }

    private static Condition Convert(V1.Condition condition, string field, int depth) => condition.KindCase switch
    {
        V1.Condition.KindOneofCase.Field => Convert(condition.Field, $"{field}.field"),
        V1.Condition.KindOneofCase.HasId => HasId(condition.HasId, $"{field}.has_id"),
        V1.Condition.KindOneofCase.Filter => Condition.Group(Convert(condition.Filter, $"{field}.filter", depth + 1)),
        _ => throw OrchestratorException.Invalid($"{field}: no condition set; set one of field, has_id or filter."),
    };

    private static Condition Convert(V1.FieldCondition condition, string field)
    {
        var key = condition.Key;
        if (key.Length is 0 or > MaxKeyLength || !KeyPattern().IsMatch(key))
        {
            throw OrchestratorException.Invalid(
                $"{field}.key: {LibraryName.Quote(key)} is not a payload key; use names joined by dots (\"meta.author\"), with \"[]\" or \"[n]\" after a name for arrays (\"tags[]\"), at most {MaxKeyLength} characters.");
        }

        return condition.TestCase switch
        {
            V1.FieldCondition.TestOneofCase.Match => Match(key, condition.Match, $"{field}.match"),
            V1.FieldCondition.TestOneofCase.Range => Range(key, condition.Range, $"{field}.range"),
            _ => throw OrchestratorException.Invalid($"{field}: no test set for key {LibraryName.Quote(key)}; set match or range."),
        };
    }

    private static Condition Match(string key, V1.MatchCondition match, string field) => match.KindCase switch
    {
        V1.MatchCondition.KindOneofCase.Value => Condition.Match(key, match.Value.KindCase switch
        {
            V1.MatchValue.KindOneofCase.Keyword => MatchValue.Keyword(match.Value.Keyword),
            V1.MatchValue.KindOneofCase.Integer => MatchValue.Integer(match.Value.Integer),
            V1.MatchValue.KindOneofCase.Boolean => MatchValue.Boolean(match.Value.Boolean),
            _ => throw OrchestratorException.Invalid($"{field}.value: no value set; set keyword, integer or boolean."),
        }),
        V1.MatchCondition.KindOneofCase.Any => Condition.MatchAny(key, Set(match.Any, $"{field}.any")),
        V1.MatchCondition.KindOneofCase.Except => Condition.MatchExcept(key, Set(match.Except, $"{field}.except")),
        _ => throw OrchestratorException.Invalid($"{field}: no match set; set value, any or except."),
    };

    private static MatchSet Set(V1.MatchValueList list, string field) => (list.Keywords.Count, list.Integers.Count) switch
    {
        ( > 0, 0) => MatchSet.Of([.. list.Keywords]),
        (0, > 0) => MatchSet.Of([.. list.Integers]),
        (0, 0) => throw OrchestratorException.Invalid($"{field}: empty; give at least one keyword or integer."),
        _ => throw OrchestratorException.Invalid($"{field}: both keywords and integers given; set exactly one of the two lists."),
    };

    private static Condition Range(string key, V1.RangeCondition range, string field)
    {
        double? Bound(bool has, double value, string name) => !has ? null
            : double.IsFinite(value) ? value
            : throw OrchestratorException.Invalid($"{field}.{name}: {value} is not a finite number.");

        var (gt, gte, lt, lte) = (Bound(range.HasGt, range.Gt, "gt"), Bound(range.HasGte, range.Gte, "gte"), Bound(range.HasLt, range.Lt, "lt"), Bound(range.HasLte, range.Lte, "lte"));
        return gt is null && gte is null && lt is null && lte is null
            ? throw OrchestratorException.Invalid($"{field}: no bound set; set at least one of gt, gte, lt, lte.")
            : Condition.Range(key, gt, gte, lt, lte);
    }

    private static Condition HasId(V1.HasIdCondition condition, string field)
    {
        if (condition.Ids.Count == 0)
        {
            throw OrchestratorException.Invalid($"{field}.ids: empty; give at least one point id.");
        }

        var ids = new string[condition.Ids.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = PointId.TryCanonicalize(condition.Ids[i], out var id) ? id
                : throw OrchestratorException.Invalid($"{field}.ids[{i}]: {LibraryName.Quote(condition.Ids[i])} is not a point id; use a decimal unsigned integer or a hyphenated UUID.");
        }

        return Condition.HasId(ids);
    }

    // Names of letters, digits, '_' and '-' (or a quoted name), each optionally followed by [] or [n], joined by dots.
    [GeneratedRegex("""^(?:[\p{L}\p{N}_$-]+|"[^"\\]+")(?:\[\d*\])*(?:\.(?:[\p{L}\p{N}_$-]+|"[^"\\]+")(?:\[\d*\])*)*$""")]
    private static partial Regex KeyPattern();
}
