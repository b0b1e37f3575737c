using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>What an analysis needs to know of a library: its name, vectors and size when sampled.</summary>
public sealed record LibraryShape(string Name, int Dimension, Distance Distance, long TotalPoints);
