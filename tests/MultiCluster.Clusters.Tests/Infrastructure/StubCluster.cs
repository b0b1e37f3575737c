using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;

namespace MultiCluster.Clusters.Tests.Infrastructure;

/// <summary>A <see cref="QdrantRestCluster"/> wired to a <see cref="StubQdrantHandler"/>, with fast retries.</summary>
public static class StubCluster
{
    public static readonly RetryOptions FastRetry = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };

    public static ClusterOptions Options(string? apiKey = null, TimeSpan? timeout = null) => new()
    {
        Name = "stub-a",
        Url = new Uri("http://127.0.0.1:6333/"),
        ApiKey = apiKey,
        Region = "test",
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        SnapshotTimeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    public static QdrantRestCluster Create(StubQdrantHandler handler, string? apiKey = null, TimeSpan? timeout = null, RetryOptions? retry = null) =>
        new(Options(apiKey, timeout), retry ?? FastRetry, handler: handler);
}
