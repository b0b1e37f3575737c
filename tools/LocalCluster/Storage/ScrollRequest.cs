using MultiCluster.LocalCluster.Filtering;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>One page of points in id order, starting at <see cref="Offset"/> (inclusive) when given.</summary>
public sealed record ScrollRequest(int Limit)
{
    public PointId? Offset { get; init; }

    public Filter? Filter { get; init; }

    public PayloadSelector WithPayload { get; init; } = PayloadSelector.All;

    public bool WithVector { get; init; }
}
