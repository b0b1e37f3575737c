using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The point's id is one of a set.</summary>
public sealed class HasIdCondition(IEnumerable<PointId> ids) : Condition
{
    private readonly HashSet<PointId> _ids = [.. ids];

    public IReadOnlySet<PointId> Ids => _ids;

    public override bool Matches(PointId id, JsonElement? payload) => _ids.Contains(id);
}
