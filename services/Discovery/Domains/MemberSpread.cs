using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>How tightly a group of rows sits around a centroid: the cohesion and radius a <see cref="Domain"/> records.</summary>
/// <param name="Cohesion">Mean cosine similarity of the rows to the centroid, clamped to 0..1.</param>
/// <param name="Radius">95th percentile distance of the rows to the centroid, in the library's distance.</param>
internal sealed record MemberSpread(double Cohesion, double Radius)
{
    public const double RadiusPercentile = 0.95;

    public static MemberSpread Of(VectorSet rows, IReadOnlyList<int> members, ReadOnlySpan<float> centroid, Distance distance)
    {
        if (members.Count == 0)
        {
            return new MemberSpread(0, 0);
        }

        var similarity = 0.0;
        var distances = new double[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var row = rows[members[i]];
            var cosine = CentroidMath.Cosine(row, centroid);
            similarity += cosine;
            distances[i] = distance == Distance.Cosine ? 1 - cosine : CentroidMath.Distance(row, centroid, distance);
        }

        return new MemberSpread(Math.Clamp(similarity / members.Count, 0, 1), Math.Max(0, Percentile(distances, RadiusPercentile)));
    }

    /// <summary>Linear interpolation between the closest ranks (numpy's default), so small groups get a radius between their members' distances.</summary>
    public static double Percentile(double[] values, double quantile)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        Array.Sort(values);
        var position = quantile * (values.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, values.Length - 1);
        return values[below] + ((values[above] - values[below]) * (position - below));
    }
}
