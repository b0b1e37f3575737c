namespace MultiCluster.Discovery.Clustering;

/// <summary>One k-means run: labels consistent with the centroids (nearest centroid), a flat k × d centroid block, and its iterations.</summary>
internal sealed record LloydRun(int[] Labels, float[] Centroids, int Iterations);
