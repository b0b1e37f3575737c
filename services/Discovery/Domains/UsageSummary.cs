using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Per-domain query load from "cluster.load" reports. A report covering part of the window counts in proportion to
/// the part inside it; the rate divides the queries by the seconds some report covered (a domain served by two
/// clusters reports twice for the same seconds: the queries add, the seconds do not), so gaps in reporting are
/// missing data rather than idle time.
/// </summary>
public static class UsageSummary
{
    /// <summary>
    /// Per-domain usage over [<paramref name="from"/>, <paramref name="to"/>) for <paramref name="domainIds"/>, ordered by
    /// id; a domain no sample names has no rate (absent, not zero).
    /// </summary>
    public static IReadOnlyList<DomainUsage> Summarize(IReadOnlyList<DomainLoadSample> samples, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> domainIds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(domainIds);
        var byDomain = samples.Where(s => s.Window > TimeSpan.Zero).ToLookup(s => s.DomainId, StringComparer.Ordinal);
        var middle = from + ((to - from) / 2);
        var usage = new List<DomainUsage>();
        foreach (var id in domainIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var domain = new DomainUsage { DomainId = id };
            var whole = Measure(byDomain[id], from, to);
            if (whole.Seconds > 0)
            {
                domain.QueryRatePerSecond = whole.Queries / whole.Seconds;
                domain.QueryCount = (ulong)Math.Round(whole.Queries);
                domain.LastReportedAt = Timestamp.FromDateTimeOffset(whole.LastReport);
                var (first, second) = (Measure(byDomain[id], from, middle), Measure(byDomain[id], middle, to));
                if (first.Seconds > 0 && second.Seconds > 0)
                {
                    var (before, after) = (first.Queries / first.Seconds, second.Queries / second.Seconds);
                    // From no queries at all, any change is unbounded: left absent rather than infinite.
                    if (before > 0 || after == 0)
                    {
                        domain.RateChange = before == 0 ? 0 : (after - before) / before;
                    }
                }
            }

            usage.Add(domain);
        }

        return usage;
    }

    /// <summary>Queries (pro-rated) and covered seconds (the union of the reports' windows) within [from, to).</summary>
    private static (double Queries, double Seconds, DateTimeOffset LastReport) Measure(IEnumerable<DomainLoadSample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        var queries = 0.0;
        var spans = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var last = DateTimeOffset.MinValue;
        foreach (var s in samples)
        {
            var (start, end) = (Max(s.WindowStart, from), Min(s.WindowStart + s.Window, to));
            if (end <= start)
            {
                continue;
            }

            queries += s.QueryCount * ((end - start) / s.Window);
            spans.Add((start, end));
            last = Max(last, s.WindowStart + s.Window);
        }

        var seconds = 0.0;
        var coveredTo = DateTimeOffset.MinValue;
        foreach (var (start, end) in spans.OrderBy(s => s.Start))
        {
            var begin = Max(start, coveredTo);
            if (end > begin)
            {
                seconds += (end - begin).TotalSeconds;
                coveredTo = end;
            }
        }

        return (queries, seconds, last);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
