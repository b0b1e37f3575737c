using MultiCluster.LocalCluster.Filtering;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>The points a write applies to: a list of ids, or every point matching a filter.</summary>
public sealed record PointSelector(IReadOnlyList<PointId>? Ids, Filter? Filter)
{
    public static PointSelector ByIds(IReadOnlyList<PointId> ids) => new(ids, null);

    public static PointSelector ByFilter(Filter filter) => new(null, filter);
}
