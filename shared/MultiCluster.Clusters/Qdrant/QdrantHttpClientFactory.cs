using System.Net;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>The HttpClient of one cluster: pooled connections, TLS when the URL is https, the api-key header.</summary>
internal static class QdrantHttpClientFactory
{
    public static HttpClient Create(ClusterOptions options, HttpMessageHandler? handler)
    {
        handler ??= new SocketsHttpHandler
        {
            // Re-resolve DNS now and then: a cluster behind a load balancer or a Kubernetes service moves.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
        };

        // Timeouts are per attempt in the resilience pipeline; HttpClient's own would cut retries short.
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = options.Url, Timeout = Timeout.InfiniteTimeSpan };
        if (options.ApiKey is not null)
        {
            // Qdrant's documented header. HttpClient does not log headers, and nothing here logs requests.
            client.DefaultRequestHeaders.TryAddWithoutValidation("api-key", options.ApiKey);
        }

        return client;
    }
}
