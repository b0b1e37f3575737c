namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// Retries of idempotent calls after transient failures: exponential backoff with jitter, Base x 2^attempt capped
/// at Max (or the cluster's Retry-After when it sends one).
/// </summary>
public sealed record RetryOptions
{
    public int MaxRetries { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);
}
