using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>One condition of a <see cref="Filter"/>, tested against a point's id and payload.</summary>
public abstract class Condition
{
    public abstract bool Matches(PointId id, JsonElement? payload);
}
