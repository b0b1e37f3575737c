using Microsoft.Extensions.Logging;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>The Qdrant adapter's log events, with stable ids. Never given the API key or request bodies.</summary>
internal static partial class QdrantLog
{
    [LoggerMessage(1, LogLevel.Warning, "Cluster {Cluster}: {Operation} failed transiently ({Reason}); retry {Attempt} of {MaxRetries} in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string cluster, string operation, string reason, int attempt, int maxRetries, double delayMs);

    [LoggerMessage(2, LogLevel.Debug, "Cluster {Cluster}: {Operation} failed: {Message}")]
    public static partial void CallFailed(ILogger logger, string cluster, string operation, string message);

    [LoggerMessage(3, LogLevel.Debug, "Cluster {Cluster}: healthy in {LatencyMs} ms.")]
    public static partial void Healthy(ILogger logger, string cluster, double latencyMs);

    [LoggerMessage(4, LogLevel.Warning, "Cluster {Cluster}: {State}. {Problem}")]
    public static partial void Unhealthy(ILogger logger, string cluster, HealthState state, string problem);
}
