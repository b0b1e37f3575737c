using MultiCluster.Clusters;

namespace MultiCluster.Discovery.Libraries;

/// <summary>One physical collection of a library: where it is and which domain it holds.</summary>
public sealed record LibraryPart(IVectorCluster Cluster, string Name, string DomainId);
