namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// One agglomeration step: the groups holding leaves <paramref name="Left"/> and <paramref name="Right"/> join at
/// <paramref name="Distance"/> (for Ward, scipy's and scikit-learn's Ward distance: the square root of the
/// Lance–Williams value) into a group of <paramref name="Size"/> (weighted) points.
/// </summary>
internal readonly record struct Merge(int Left, int Right, double Distance, double Size);
