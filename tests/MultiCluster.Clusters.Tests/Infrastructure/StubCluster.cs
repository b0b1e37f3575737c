using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;

namespace MultiCluster.Clusters.Tests.Infrastructure;

/// <summary>
/// A <see cref="QdrantCluster"/> wired to a <see cref="StubQdrantGrpc"/> (its gRPC channel) and a
/// <see cref="StubQdrantHandler"/> (its REST path), with fast retries.
/// </summary>
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

    public static QdrantCluster Create(StubQdrantGrpc grpc, StubQdrantHandler? rest = null, string? apiKey = null, TimeSpan? timeout = null, RetryOptions? retry = null, long degradedMemoryBytes = 0) =>
        new(Options(apiKey, timeout) with { DegradedMemoryBytes = degradedMemoryBytes }, retry ?? FastRetry, restHandler: rest ?? new StubQdrantHandler(), grpcHandler: grpc);
}
