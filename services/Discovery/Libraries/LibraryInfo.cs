using MultiCluster.Discovery.Domains;

namespace MultiCluster.Discovery.Libraries;

/// <summary>A library as the clusters hold it now: its shape and the collections that make it up.</summary>
public sealed record LibraryInfo(LibraryShape Shape, IReadOnlyList<LibraryPart> Collections)
{
    public string Name => Shape.Name;
}
