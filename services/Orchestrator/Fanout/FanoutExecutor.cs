using MultiCluster.Clusters;
using MultiCluster.Orchestrator.Metrics;
using Polly.CircuitBreaker;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// Sends every target's search at once under one deadline and gathers what comes back by then. Each call goes
/// through its cluster's bulkhead and breaker (<see cref="ClusterGuards"/>) and is recorded once in
/// <see cref="QueryMetrics"/>, which routing, hedging, load reports and metrics all read. A target with other copies is hedged: when its cluster has not answered
/// after the hedge delay another copy is asked too, and when it fails the next copy is asked at once; the first
/// answer wins and the other call is cancelled. Never throws for a cluster's failure: it is an outcome.
/// </summary>
public sealed class FanoutExecutor(IClusterRegistry registry, ClusterGuards guards, QueryMetrics metrics, TimeProvider time)
{
    /// <summary>Time kept back from the clusters' budget to fuse and answer before the caller's deadline.</summary>
    public static TimeSpan Reserve(TimeSpan total) => TimeSpan.FromMilliseconds(Math.Min(50, total.TotalMilliseconds * 0.1));

    public async Task<IReadOnlyList<FanoutOutcome>> RunAsync(IReadOnlyList<FanoutTarget> targets, FanoutBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(budget);
        var remaining = budget.Deadline - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(Clamp(remaining - Reserve(remaining)), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        return await Task.WhenAll(targets.Select(t => RunOneAsync(t, budget, linked.Token, deadline.Token)));
    }

    private async Task<FanoutOutcome> RunOneAsync(FanoutTarget target, FanoutBudget budget, CancellationToken token, CancellationToken deadline)
    {
        var started = time.GetTimestamp();
        var copies = new Queue<string>(target.Alternates.Where(c => c != target.Cluster));
        var calls = new List<(Task<FanoutOutcome> Task, CancellationTokenSource Cancel)>();
        FanoutOutcome? firstFailure = null;
        var hedged = false;
        var launched = 1;
        try
        {
            calls.Add(Start(target, target.Cluster, budget, hedged: false, deadline, token));
            while (calls.Count > 0)
            {
                var hedgeAfter = copies.Count > 0 ? HedgeDelay(target.Cluster, budget) : null;
                var waits = calls.Select(c => (Task)c.Task).ToList();
                var timer = hedgeAfter is { } delay ? Task.Delay(Remaining(delay * launched, started), time, token) : null;
                if (timer is not null)
                {
                    waits.Add(timer);
                }

                var done = await Task.WhenAny(waits);
                if (done == timer)
                {
                    if (!timer.IsCanceled && copies.Count > 0)
                    {
                        hedged = true;
                        launched++;
                        calls.Add(Start(target, copies.Dequeue(), budget, hedged: true, deadline, token));
                    }

                    if (timer.IsCanceled)
                    {
                        await Task.WhenAll(calls.Select(c => c.Task));
                    }

                    continue;
                }

                var call = calls.First(c => c.Task == done);
                calls.Remove(call);
                call.Cancel.Dispose();
                var outcome = await call.Task;
                if (outcome.Succeeded)
                {
                    return outcome with { Hedged = hedged, TookMs = time.GetElapsedTime(started).TotalMilliseconds };
                }

                firstFailure ??= outcome;
                if (copies.Count > 0 && !token.IsCancellationRequested)
                {
                    calls.Add(Start(target, copies.Dequeue(), budget, hedged: true, deadline, token));
                    hedged = true;
                    launched++;
                }
            }

            return firstFailure! with { Hedged = hedged, TookMs = time.GetElapsedTime(started).TotalMilliseconds };
        }
        finally
        {
            foreach (var (_, cancel) in calls)
            {
                await cancel.CancelAsync();
                cancel.Dispose();
            }
        }
    }

    private (Task<FanoutOutcome>, CancellationTokenSource) Start(FanoutTarget target, string cluster, FanoutBudget budget, bool hedged, CancellationToken deadline, CancellationToken token)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(token);
        return (CallAsync(target, cluster, budget, hedged, deadline, cancel.Token), cancel);
    }

    private async Task<FanoutOutcome> CallAsync(FanoutTarget target, string cluster, FanoutBudget budget, bool hedged, CancellationToken deadline, CancellationToken token)
    {
        var started = time.GetTimestamp();
        FanoutOutcome Failed(string code, string reason) => new(target, cluster, [], time.GetElapsedTime(started).TotalMilliseconds, code, reason, hedged);
        if (!registry.TryGetCluster(cluster, out var client))
        {
            return Failed("NOT_FOUND", $"cluster {cluster} is not configured on this orchestrator");
        }

        var called = false;
        void Record(bool failed, bool timedOut)
        {
            var library = LibraryName.TrySplit(target.Collection, out var name, out _) ? name : "";
            metrics.ClusterCallCompleted(new ClusterCallObservation(cluster, library, target.DomainIds, time.GetElapsedTime(started), failed, timedOut, hedged));
        }

        try
        {
            using var lease = await guards.Bulkhead(cluster).AcquireAsync(1, token);
            if (!lease.IsAcquired)
            {
                return Failed("RESOURCE_EXHAUSTED", $"cluster {cluster} has too many requests in flight and waiting; retry shortly");
            }

            var points = await guards.ExecuteAsync(cluster, budget.FailureThreshold, budget.BreakDuration, async t =>
            {
                called = true;
                metrics.ClusterCallStarted(cluster);
                try
                {
                    return await client.SearchAsync(target.Collection, target.Request, t);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"cluster {cluster} did not answer within the request's budget");
                }
            }, token);
            Record(failed: false, timedOut: false);
            return new FanoutOutcome(target, cluster, points, time.GetElapsedTime(started).TotalMilliseconds, null, null, hedged);
        }
        catch (BrokenCircuitException e)
        {
            return Failed("UNAVAILABLE", $"circuit of cluster {cluster} is open after {budget.FailureThreshold} failures in a row; it is tried again after {e.RetryAfter?.TotalSeconds ?? budget.BreakDuration.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            var timedOut = deadline.IsCancellationRequested;
            if (called)
            {
                Record(failed: timedOut, timedOut);
            }

            return timedOut
                ? Failed("DEADLINE_EXCEEDED", $"cluster {cluster} did not answer within the request's budget")
                : Failed("CANCELLED", $"the call to cluster {cluster} was cancelled (another copy answered first)");
        }
        catch (VectorClusterException e)
        {
            Record(failed: true, timedOut: e is ClusterTimeoutException);
            return Failed(Code(e), e.Message);
        }
    }

    private static string Code(VectorClusterException e) => e switch
    {
        InvalidClusterRequestException => "INVALID_ARGUMENT",
        CollectionNotFoundException => "NOT_FOUND",
        ClusterTimeoutException => "DEADLINE_EXCEEDED",
        ClusterAuthenticationException => "PERMISSION_DENIED",
        ClusterServerException => "INTERNAL",
        _ => "UNAVAILABLE",
    };

    private TimeSpan? HedgeDelay(string cluster, FanoutBudget budget) => budget.HedgeAfter switch
    {
        { } fixedDelay when fixedDelay <= TimeSpan.Zero => null,
        { } fixedDelay => fixedDelay,
        null => metrics.RecentP95Ms(cluster) is { } p95 ? TimeSpan.FromMilliseconds(Math.Max(1, p95)) : null,
    };

    private TimeSpan Remaining(TimeSpan delay, long started) => Clamp(delay - time.GetElapsedTime(started));

    private static TimeSpan Clamp(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;
}
