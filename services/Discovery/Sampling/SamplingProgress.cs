namespace MultiCluster.Discovery.Sampling;

/// <summary>Points of the library read so far, of <paramref name="Total"/>.</summary>
public sealed record SamplingProgress(long Scanned, long Total);
