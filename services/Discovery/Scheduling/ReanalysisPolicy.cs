namespace MultiCluster.Discovery.Scheduling;

/// <summary>When a library is due for an automatic re-analysis.</summary>
public static class ReanalysisPolicy
{
    /// <summary>
    /// Due when it has an interval, its last analysis started longer ago than that, and its size changed since its
    /// latest map (or it has none). The size condition is what keeps the schedule cheap: an unchanged library would
    /// get the same map again (same sample, same seed rules), so re-analysing it only burns CPU and fills the
    /// history; a point count is the change signal the clusters give for free.
    /// </summary>
    public static bool IsDue(TimeSpan interval, DateTimeOffset? lastStarted, long? lastMapTotalPoints, long currentTotalPoints, DateTimeOffset now) =>
        interval > TimeSpan.Zero
        && currentTotalPoints > 0
        && (lastStarted is null || now - lastStarted.Value >= interval)
        && lastMapTotalPoints != currentTotalPoints;
}
