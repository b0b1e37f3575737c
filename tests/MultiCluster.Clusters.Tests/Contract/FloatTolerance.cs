namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>Compares floats within an absolute tolerance, for values the cluster computes (normalised vectors, scores).</summary>
internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float obj) => 0;
}
