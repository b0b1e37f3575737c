using System.Text.RegularExpressions;
using MultiCluster.Clusters;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// The contract's Filter as the cluster port's <see cref="Filter"/>, checked on the way: every refusal names the
/// field path ("filter.must[2].field.key") and says what to send instead.
/// </summary>
public static partial class ContractFilters
{
    /// <summary>Null for an absent or empty filter (matches every point).</summary>
    public static Filter? ToCluster(V1.Filter? filter, string field)
    {
        if (filter is null)
        {
            return null;
        }

        var converted = Convert(filter, field, depth: 0);
        return converted.IsEmpty ? null : converted;
    }

    private static Filter Convert(V1.Filter filter, string field, int depth)
    {
        if (depth > 8)
        {
            throw OrchestratorException.Invalid($"{field}: filters nest more than 8 levels deep; flatten it.");
        }

        List<Condition> Conditions(IEnumerable<V1.Condition> conditions, string name) =>
            [.. conditions.Select((c, i) => Condition(c, $"{field}.{name}[{i}]", depth))];
        return new Filter(
            filter.Must.Count > 0 ? Conditions(filter.Must, "must") : null,
            filter.Should.Count > 0 ? Conditions(filter.Should, "should") : null,
            filter.MustNot.Count > 0 ? Conditions(filter.MustNot, "must_not") : null);
    }

    private static Condition Condition(V1.Condition condition, string field, int depth) => condition.KindCase switch
    {
        V1.Condition.KindOneofCase.Field => Field(condition.Field, $"{field}.field"),
        V1.Condition.KindOneofCase.HasId => condition.HasId.Ids.Count > 0
            ? Clusters.Condition.HasId([.. condition.HasId.Ids])
            : throw OrchestratorException.Invalid($"{field}.has_id.ids: empty; give at least one point id."),
        V1.Condition.KindOneofCase.Filter => Clusters.Condition.Group(Convert(condition.Filter, $"{field}.filter", depth + 1)),
        _ => throw OrchestratorException.Invalid($"{field}: no condition set; set one of field, has_id or filter."),
    };

    private static Condition Field(V1.FieldCondition condition, string field)
    {
        var key = condition.Key;
        if (!KeyPattern().IsMatch(key))
        {
            throw OrchestratorException.Invalid(
                $"{field}.key: {LibraryName.Quote(key)} is not a payload key; use names joined by dots (\"meta.author\"), \"[]\" after a name to flatten an array (\"tags[]\"), no spaces.");
        }

        return condition.TestCase switch
        {
            V1.FieldCondition.TestOneofCase.Match => Match(condition.Match, key, $"{field}.match"),
            V1.FieldCondition.TestOneofCase.Range => condition.Range is { HasGt: false, HasGte: false, HasLt: false, HasLte: false }
                ? throw OrchestratorException.Invalid($"{field}.range: no bound set; set gt, gte, lt or lte.")
                : Clusters.Condition.Range(key,
                    condition.Range.HasGt ? condition.Range.Gt : null,
                    condition.Range.HasGte ? condition.Range.Gte : null,
                    condition.Range.HasLt ? condition.Range.Lt : null,
                    condition.Range.HasLte ? condition.Range.Lte : null),
            _ => throw OrchestratorException.Invalid($"{field}: no test set; set match or range."),
        };
    }

    private static Condition Match(V1.MatchCondition match, string key, string field) => match.KindCase switch
    {
        V1.MatchCondition.KindOneofCase.Value => match.Value.KindCase switch
        {
            V1.MatchValue.KindOneofCase.Keyword => Clusters.Condition.Match(key, MatchValue.Keyword(match.Value.Keyword)),
            V1.MatchValue.KindOneofCase.Integer => Clusters.Condition.Match(key, MatchValue.Integer(match.Value.Integer)),
            V1.MatchValue.KindOneofCase.Boolean => Clusters.Condition.Match(key, MatchValue.Boolean(match.Value.Boolean)),
            _ => throw OrchestratorException.Invalid($"{field}.value: no value set; set keyword, integer or boolean."),
        },
        V1.MatchCondition.KindOneofCase.Any => Clusters.Condition.MatchAny(key, Set(match.Any, $"{field}.any")),
        V1.MatchCondition.KindOneofCase.Except => Clusters.Condition.MatchExcept(key, Set(match.Except, $"{field}.except")),
        _ => throw OrchestratorException.Invalid($"{field}: no match set; set value, any or except."),
    };

    private static MatchSet Set(V1.MatchValueList list, string field) => (list.Keywords.Count, list.Integers.Count) switch
    {
        ( > 0, 0) => MatchSet.Of([.. list.Keywords]),
        (0, > 0) => MatchSet.Of([.. list.Integers]),
        (0, 0) => throw OrchestratorException.Invalid($"{field}: empty; give keywords or integers."),
        _ => throw OrchestratorException.Invalid($"{field}: both keywords and integers set; a set holds one type."),
    };

    // Names of letters, digits, '_' and '-', joined by dots, each optionally flattened with "[]".
    [GeneratedRegex(@"^[A-Za-z0-9_\-]+(\[\])?(\.[A-Za-z0-9_\-]+(\[\])?)*$")]
    private static partial Regex KeyPattern();
}
