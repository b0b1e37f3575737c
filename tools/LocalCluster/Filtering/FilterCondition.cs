using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>A whole filter used as one condition (an OR inside an AND, and so on).</summary>
public sealed class FilterCondition(Filter filter) : Condition
{
    public Filter Filter { get; } = filter;

    public override bool Matches(PointId id, JsonElement? payload) => Filter.Matches(id, payload);
}
