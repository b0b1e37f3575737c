namespace MultiCluster.Discovery.Clustering;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class Silhouette
{
    /// <summary>
    /// Mean silhouette coefficient (-1..1) of <paramref name="labels"/> over at most <paramref name="sampleSize"/> rows
    /// drawn with <paramref name="seed"/>; unassigned rows are left out; 0 when fewer than two clusters.
    /// </summary>
    public static double Score(VectorSet data, int[] labels, int sampleSize, ulong seed, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
