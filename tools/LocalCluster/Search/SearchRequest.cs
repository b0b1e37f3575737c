using MultiCluster.LocalCluster.Filtering;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Search;

/// <summary>
/// One nearest-neighbour query: the <paramref name="Limit"/> closest points after skipping <see cref="Offset"/>,
/// among those matching <see cref="Filter"/> and passing <see cref="ScoreThreshold"/>.
/// </summary>
public sealed record SearchRequest(float[] Vector, int Limit)
{
    public int Offset { get; init; }

    public Filter? Filter { get; init; }

    public float? ScoreThreshold { get; init; }

    public PayloadSelector WithPayload { get; init; } = PayloadSelector.None;

    public bool WithVector { get; init; }
}
