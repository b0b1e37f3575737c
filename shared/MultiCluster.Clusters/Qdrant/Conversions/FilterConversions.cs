using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>The port's filters to Qdrant's gRPC Filter, condition by condition.</summary>
internal static class FilterConversions
{
    /// <summary>Null for no filter (and for an empty one: it matches every point either way).</summary>
    public static G.Filter? ToGrpc(Filter? filter) => filter is null || filter.IsEmpty ? null : ToGrpcFilter(filter);

    /// <summary>The filter itself, empty included (delete by filter needs one to be present).</summary>
    public static G.Filter ToGrpcFilter(Filter filter)
    {
        var result = new G.Filter();
        result.Must.AddRange((filter.Must ?? []).Select(ToGrpc));
        result.Should.AddRange((filter.Should ?? []).Select(ToGrpc));
        result.MustNot.AddRange((filter.MustNot ?? []).Select(ToGrpc));
        return result;
    }

    private static G.Condition ToGrpc(Condition condition) => condition switch
    {
        MatchCondition c => Field(c.Key, match: c.Value.Kind switch
        {
            MatchValueKind.Keyword => new G.Match { Keyword = c.Value.KeywordValue },
            MatchValueKind.Integer => new G.Match { Integer = c.Value.IntegerValue },
            _ => new G.Match { Boolean = c.Value.BooleanValue },
        }),
        MatchAnyCondition c => Field(c.Key, match: c.Values.Keywords is { } keywords
            ? new G.Match { Keywords = new G.RepeatedStrings { Strings = { keywords } } }
            : new G.Match { Integers = new G.RepeatedIntegers { Integers = { c.Values.Integers! } } }),
        MatchExceptCondition c => Field(c.Key, match: c.Values.Keywords is { } keywords
            ? new G.Match { ExceptKeywords = new G.RepeatedStrings { Strings = { keywords } } }
            : new G.Match { ExceptIntegers = new G.RepeatedIntegers { Integers = { c.Values.Integers! } } }),
        RangeCondition c => Field(c.Key, range: Range(c)),
        HasIdCondition c => new G.Condition { HasId = new G.HasIdCondition { HasId = { c.Ids.Select(PointConversions.ToGrpc) } } },
        IsEmptyCondition c => new G.Condition { IsEmpty = new G.IsEmptyCondition { Key = c.Key } },
        IsNullCondition c => new G.Condition { IsNull = new G.IsNullCondition { Key = c.Key } },
        NestedCondition c => new G.Condition { Nested = new G.NestedCondition { Key = c.Key, Filter = ToGrpcFilter(c.Filter) } },
        FilterCondition c => new G.Condition { Filter = ToGrpcFilter(c.Filter) },
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition kind."),
    };

    private static G.Condition Field(string key, G.Match? match = null, G.Range? range = null) =>
        new() { Field = new G.FieldCondition { Key = key, Match = match, Range = range } };

    private static G.Range Range(RangeCondition c)
    {
        var range = new G.Range();
        if (c.Gt is { } gt)
        {
            range.Gt = gt;
        }

        if (c.Gte is { } gte)
        {
            range.Gte = gte;
        }

        if (c.Lt is { } lt)
        {
            range.Lt = lt;
        }

        if (c.Lte is { } lte)
        {
            range.Lte = lte;
        }

        return range;
    }
}
