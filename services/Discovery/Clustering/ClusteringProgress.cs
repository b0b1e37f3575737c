namespace MultiCluster.Discovery.Clustering;

/// <summary>One progress report of a running strategy (at most a few per second).</summary>
/// <param name="Phase">What it is doing, e.g. "seeding", "iterating", "merging".</param>
/// <param name="Done">Units done so far.</param>
/// <param name="Total">Units expected in all; 0 when unknown.</param>
/// <param name="Unit">What is counted, e.g. "iterations", "points", "merges".</param>
/// <param name="Inertia">Current inertia, for iterative strategies.</param>
/// <param name="MergeCount">Merges done, for agglomerative strategies.</param>
public sealed record ClusteringProgress(string Phase, long Done, long Total, string Unit, double? Inertia = null, int? MergeCount = null);
