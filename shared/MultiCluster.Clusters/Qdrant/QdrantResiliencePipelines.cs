using Microsoft.Extensions.Logging;
using MultiCluster.Clusters.Configuration;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// The three ways a call is guarded, one per <see cref="CallKind"/>.
/// Idempotent calls: retry (outer) around a per-attempt timeout (inner), exponential backoff with jitter, only for
/// transient failures (unreachable, UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, attempt timeouts). Which calls are idempotent, and why:
/// - reads (describe, list, retrieve, scroll, count, search, aliases, snapshots list): change nothing;
/// - upsert: points carry their ids, so a repeat writes the same vectors and payloads over themselves;
/// - delete by ids: deleting an absent id is a no-op, so a repeat removes nothing more than the first did.
/// Sent once:
/// - create collection: a repeat after a lost answer fails with "already exists" and hides the success;
/// - drop collection: a repeat could drop a collection someone re-created in between (migrations do that);
/// - delete by filter: a filter selects by content, so a repeat may hit points written since the first attempt;
/// - alias changes: a repeat could undo a switch another service made in between;
/// - snapshot create (a repeat makes a second snapshot) and recover (replaces a collection; long running).
/// - health probes: a probe measures the cluster as it is; a retry would hide what it is meant to see.
/// A rate limit whose retry-after exceeds max_delay_ms is not retried here: the caller sees it and can route elsewhere.
/// </summary>
internal sealed class QdrantResiliencePipelines
{
    /// <summary>Key of the operation name in the resilience context, for retry logs.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("qdrant.operation");

    private readonly TimeSpan _callTimeout;
    private readonly TimeSpan _snapshotTimeout;

    public QdrantResiliencePipelines(ClusterOptions options, RetryOptions retry, ILogger logger)
    {
        _callTimeout = options.Timeout;
        _snapshotTimeout = options.SnapshotTimeout;
        var idempotent = new ResiliencePipelineBuilder();
        if (retry.MaxRetries > 0)
        {
            idempotent.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception, retry)),
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ClusterUnavailableException { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.TryGetValue(OperationKey, out var name) ? name : "call";
                    QdrantLog.Retrying(logger, options.Name, operation, Reason(args.Outcome.Exception), args.AttemptNumber + 1, retry.MaxRetries, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        Idempotent = idempotent.AddTimeout(options.Timeout).Build();
        Once = new ResiliencePipelineBuilder().AddTimeout(options.Timeout).Build();
        LongRunning = new ResiliencePipelineBuilder().AddTimeout(options.SnapshotTimeout).Build();
    }

    public ResiliencePipeline Idempotent { get; }

    public ResiliencePipeline Once { get; }

    public ResiliencePipeline LongRunning { get; }

    public ResiliencePipeline For(CallKind kind) => kind switch
    {
        CallKind.Idempotent => Idempotent,
        CallKind.Once => Once,
        _ => LongRunning,
    };

    public TimeSpan TimeoutOf(CallKind kind) => kind == CallKind.LongRunning ? _snapshotTimeout : _callTimeout;

    internal static bool IsRetryable(Exception? exception, RetryOptions retry) => exception switch
    {
        TimeoutRejectedException => true,
        ClusterUnavailableException { RetryAfter: { } after } => after <= retry.MaxDelay,
        VectorClusterException { IsTransient: true } => true,
        _ => false,
    };

    private static string Reason(Exception? exception) => exception switch
    {
        TimeoutRejectedException => "attempt timed out",
        VectorClusterException { GrpcStatus: { } code } => $"gRPC {code}",
        VectorClusterException { StatusCode: { } status } => $"HTTP {status}",
        VectorClusterException => "unreachable",
        _ => exception?.GetType().Name ?? "unknown",
    };
}
