using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>Not built yet (issue #10 in progress).</summary>
public static class UsageSummary
{
    /// <summary>
    /// Per-domain usage over [<paramref name="from"/>, <paramref name="to"/>) for <paramref name="domainIds"/>, ordered by
    /// id; a domain no sample names has no rate (absent, not zero).
    /// </summary>
    public static IReadOnlyList<DomainUsage> Summarize(IReadOnlyList<DomainLoadSample> samples, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> domainIds) =>
        throw new NotImplementedException();
}
