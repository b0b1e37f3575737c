namespace MultiCluster.LocalCluster.Storage;

/// <summary>How vectors are compared, with Qdrant's names.</summary>
public enum Distance
{
    /// <summary>Cosine similarity: vectors are normalised on insert and scored by dot product; larger is closer.</summary>
    Cosine,

    /// <summary>Dot product; larger is closer.</summary>
    Dot,

    /// <summary>Euclidean (L2) distance; smaller is closer, and the distance itself is the score.</summary>
    Euclid,

    /// <summary>Manhattan (L1) distance; smaller is closer, and the distance itself is the score.</summary>
    Manhattan,
}

/// <summary>Qdrant's spelling of each distance, both ways.</summary>
public static class DistanceNames
{
    public static bool TryParse(string? name, out Distance distance)
    {
        (var ok, distance) = name switch
        {
            "Cosine" => (true, Distance.Cosine),
            "Dot" => (true, Distance.Dot),
            "Euclid" => (true, Distance.Euclid),
            "Manhattan" => (true, Distance.Manhattan),
            _ => (false, Distance.Cosine),
        };
        return ok;
    }

    public static string Name(this Distance distance) => distance switch
    {
        Distance.Cosine => "Cosine",
        Distance.Dot => "Dot",
        Distance.Euclid => "Euclid",
        _ => "Manhattan",
    };

    /// <summary>True when a smaller score is a closer point (the score is a distance).</summary>
    public static bool SmallerIsCloser(this Distance distance) => distance is Distance.Euclid or Distance.Manhattan;
}
