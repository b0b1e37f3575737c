using System.Globalization;

namespace MultiCluster.Specialization.Placement;

/// <summary>A cluster's load while a plan is being made: what stays there plus what the plan has put there so far.</summary>
internal sealed class ClusterTally(ClusterCapacity cluster, double maxFillRatio, double unlimitedScale)
{
    public ClusterCapacity Cluster { get; } = cluster;

    public string Name => Cluster.Name;

    public long Points { get; private set; } = cluster.BasePoints;

    public long Bytes { get; private set; } = cluster.BaseBytes;

    public double QueryRate { get; private set; } = cluster.QueryRate;

    /// <summary>Points it may hold under the fill limit; long.MaxValue when unlimited.</summary>
    public long PointLimit => Cluster.CapacityPoints > 0 ? (long)Math.Floor((Cluster.CapacityPoints * maxFillRatio) + 1e-9) : long.MaxValue;

    public long ByteLimit => Cluster.CapacityBytes > 0 ? (long)Math.Floor((Cluster.CapacityBytes * maxFillRatio) + 1e-9) : long.MaxValue;

    public bool Fits(DomainDemand domain) => Points + domain.PointCount <= PointLimit && Bytes + domain.SizeBytes <= ByteLimit;

    /// <summary>Fill after adding the domain; for a cluster without a point limit, points over a scale shared by all such clusters.</summary>
    public double FillAfter(DomainDemand domain) =>
        (double)(Points + domain.PointCount) / (Cluster.CapacityPoints > 0 ? Cluster.CapacityPoints : unlimitedScale);

    public void Add(DomainDemand domain)
    {
        Points += domain.PointCount;
        Bytes += domain.SizeBytes;
        QueryRate += domain.QueryRate;
    }

    /// <summary>Points over its limits if the domain were added (0 when it fits), and which limit.</summary>
    public (long Over, string Limit) Overflow(DomainDemand domain)
    {
        var pointsOver = Points + domain.PointCount - PointLimit;
        if (pointsOver > 0)
        {
            return (pointsOver, string.Create(CultureInfo.InvariantCulture,
                $"{pointsOver:N0} points over its limit of {PointLimit:N0} ({maxFillRatio:0.##} x {Cluster.CapacityPoints:N0} points)"));
        }

        var bytesOver = Bytes + domain.SizeBytes - ByteLimit;
        return bytesOver > 0
            ? (bytesOver, string.Create(CultureInfo.InvariantCulture, $"{bytesOver:N0} bytes over its limit of {ByteLimit:N0} ({maxFillRatio:0.##} x {Cluster.CapacityBytes:N0} bytes)"))
            : (0, "");
    }

    /// <summary>How full it is now, in words: "41% filled", or its points when it has no limit.</summary>
    public string Describe() => Cluster.CapacityPoints > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(double)Points / Cluster.CapacityPoints:0%} filled")
        : string.Create(CultureInfo.InvariantCulture, $"{Points:N0} points, no capacity limit");

    public double FillRatio => Cluster.CapacityPoints > 0 ? (double)Points / Cluster.CapacityPoints : 0;
}
