namespace MultiCluster.Clusters;

/// <summary>
/// One condition of a <see cref="Filter"/>. Keys address payload fields: dots go into nested objects
/// ("meta.author") and "[]" flattens arrays ("tags[]"); a point lacking the key never matches a field test.
/// The concrete kinds are in Conditions.cs; these factories read like the filter they build.
/// </summary>
public abstract record Condition
{
    private protected Condition()
    {
    }

    /// <summary>The value at key equals <paramref name="value"/> (for arrays: any element does).</summary>
    public static Condition Match(string key, MatchValue value) => new MatchCondition(key, value);

    /// <summary>The value at key is one of the set (IN).</summary>
    public static Condition MatchAny(string key, MatchSet values) => new MatchAnyCondition(key, values);

    /// <summary>The value at key is none of the set (NOT IN).</summary>
    public static Condition MatchExcept(string key, MatchSet values) => new MatchExceptCondition(key, values);

    /// <summary>The numeric value at key lies within the bounds given; unset bounds are open.</summary>
    public static Condition Range(string key, double? gt = null, double? gte = null, double? lt = null, double? lte = null) =>
        new RangeCondition(key, gt, gte, lt, lte);

    /// <summary>The point's id is one of these (either id form).</summary>
    public static Condition HasId(params string[] ids) => new HasIdCondition(ids);

    /// <summary>The key is missing, null or an empty array.</summary>
    public static Condition IsEmpty(string key) => new IsEmptyCondition(key);

    /// <summary>The key is present with the value null.</summary>
    public static Condition IsNull(string key) => new IsNullCondition(key);

    /// <summary>Some element of the array of objects at key satisfies the whole filter on its own.</summary>
    public static Condition Nested(string key, Filter filter) => new NestedCondition(key, filter);

    /// <summary>A filter used as one condition, for grouping (an OR inside an AND).</summary>
    public static Condition Group(Filter filter) => new FilterCondition(filter);
}
