namespace MultiCluster.Rebalancer.Storage;

/// <summary>
/// The one query of a domain's raw query rate per reporter and bucket, read by the series (<see cref="LoadStore"/>) and
/// rolled up (<see cref="Downsampler"/>) alike, so a bucket reads the same before and after its rollup. An Orchestrator
/// reports only the domains it queried in a window, so a reporter's rate in a bucket is its rates summed over the
/// windows it reported in that bucket (its cluster rows count them): a domain queried in one window of twelve reads a
/// twelfth of that window's rate, not all of it. Parameters: @w (bucket width), @o (origin), raw rows with window_end
/// in [@from, @to). Columns: cluster, reporter, library, domain_id, b (bucket start), rate, n (queries).
/// </summary>
internal static class ReporterDomainRates
{
    public const string Sql = """
        WITH windows AS (
            SELECT reporter, date_bin(@w, window_end, @o) b, count(DISTINCT window_end) n
            FROM load_samples WHERE window_end >= @from AND window_end < @to GROUP BY 1, 2)
        SELECT d.cluster, d.reporter, d.library, d.domain_id, date_bin(@w, d.window_end, @o) b,
               sum(d.query_rate) / greatest(max(w.n), count(*)) rate, sum(d.queries) n
        FROM domain_load_samples d
        LEFT JOIN windows w ON w.reporter = d.reporter AND w.b = date_bin(@w, d.window_end, @o)
        WHERE d.window_end >= @from AND d.window_end < @to GROUP BY 1, 2, 3, 4, 5
        """;
}
