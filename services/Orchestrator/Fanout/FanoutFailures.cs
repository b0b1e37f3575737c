namespace MultiCluster.Orchestrator.Fanout;

/// <summary>When failed targets make an answer unusable rather than partial.</summary>
public static class FanoutFailures
{
    /// <summary>
    /// UNAVAILABLE when the request required a complete answer and something failed; INVALID_ARGUMENT naming
    /// <paramref name="field"/> when every cluster refused the request as malformed (nothing partial about that).
    /// </summary>
    public static void ThrowIfUnusable(IReadOnlyList<FanoutOutcome> failed, int total, bool requireComplete, string field)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (failed.Count > 0 && failed.Count == total && failed.All(o => o.FailureCode == "INVALID_ARGUMENT"))
        {
            throw OrchestratorException.Invalid($"{field}: the clusters refused the query: {failed[0].FailureReason}");
        }

        if (requireComplete && failed.Count > 0)
        {
            throw new OrchestratorException(FailureKind.Unavailable,
                $"routing.require_complete: {failed.Count} of {total} parts failed ({string.Join("; ", failed.Select(f => $"{f.Target.Cluster}: {f.FailureCode}").Distinct())}); " +
                "retry, or allow partial answers.");
        }
    }
}
