namespace MultiCluster.Discovery.Clustering;

/// <summary>The kept k-means run: labels, flat k × d centroids, inertia measured directly, iterations.</summary>
internal sealed record KMeansFitResult(int[] Labels, float[] Centroids, double Inertia, int Iterations);
