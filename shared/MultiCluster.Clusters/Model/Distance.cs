namespace MultiCluster.Clusters;

/// <summary>How a collection compares vectors; fixed when the collection is created.</summary>
public enum Distance
{
    /// <summary>Cosine similarity; the cluster normalises vectors on write. Higher scores are closer.</summary>
    Cosine,

    /// <summary>Dot product of the raw vectors. Higher scores are closer.</summary>
    Dot,

    /// <summary>Euclidean (L2) distance. Lower scores are closer.</summary>
    Euclid,
}
