namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// How unevenly load, size and domains spread over the clusters that keep their data (draining ones excluded), and how
/// many domain copies still sit on draining clusters. Each spread is the coefficient of variation and the max/mean
/// ratio (0 and 1 when even; 0 and 0 when nothing is there to spread).
/// </summary>
public sealed record BalanceMeasure(
    double LoadCv, double LoadMaxOverMean, double SizeCv, double SizeMaxOverMean, double CountCv, double CountMaxOverMean, int DrainingCopies);
