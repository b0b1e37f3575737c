namespace MultiCluster.Mcctl.Ingest;

/// <summary>A file of points read in order; rows are counted from 0 over data rows only (no header, no blank line).</summary>
internal interface IPointFile
{
    /// <summary>How many points the file holds.</summary>
    long Rows { get; }

    /// <summary>Values per vector, when the file says so before its first row (.npy); else null.</summary>
    int? Dimension { get; }

    /// <summary>The points from row <paramref name="skip"/> on; a point without an id of its own gets its row number.</summary>
    IEnumerable<Point> Read(long skip);
}
