using System.Net;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using MultiCluster.Clusters.Configuration;
using Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// The two connections of one cluster: the gRPC channel (Qdrant.Client's stubs; HTTP/2, h2c for http URLs, TLS for
/// https) and the HttpClient of the REST path. Both send the API key in Qdrant's "api-key" header / metadata.
/// </summary>
internal sealed class QdrantChannels : IDisposable
{
    private const string ApiKeyHeader = "api-key";

    private readonly GrpcChannel _channel;

    public QdrantChannels(ClusterOptions options, HttpMessageHandler? restHandler, HttpMessageHandler? grpcHandler)
    {
        _channel = GrpcChannel.ForAddress(options.EffectiveGrpcUrl, new GrpcChannelOptions
        {
            HttpHandler = grpcHandler ?? Handler(options, http2: true),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            // grpc-dotnet backs off up to 120 s between reconnects, failing every call meanwhile: a cluster that
            // restarted in seconds would stay unreachable for minutes. One connection attempt per 2 s costs nothing.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(250),
            MaxReconnectBackoff = TimeSpan.FromSeconds(2),
        });
        var invoker = options.ApiKey is { } key
            ? _channel.CreateCallInvoker().Intercept(metadata =>
            {
                metadata.Add(ApiKeyHeader, key);
                return metadata;
            })
            : _channel.CreateCallInvoker();
        Grpc = new QdrantGrpcClient(invoker);

        // Timeouts are per attempt in the resilience pipeline; HttpClient's own would cut retries short.
        Rest = new HttpClient(restHandler ?? Handler(options, http2: false), disposeHandler: true) { BaseAddress = options.Url, Timeout = Timeout.InfiniteTimeSpan };
        if (options.ApiKey is not null)
        {
            // HttpClient does not log headers, and nothing here logs requests.
            Rest.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeader, options.ApiKey);
        }
    }

    /// <summary>Qdrant.Client's generated stubs of the four services, over one channel.</summary>
    public QdrantGrpcClient Grpc { get; }

    /// <summary>The REST path, based at the cluster's REST URL.</summary>
    public HttpClient Rest { get; }

    public void Dispose()
    {
        Rest.Dispose();
        _channel.Dispose();
    }

    private static SocketsHttpHandler Handler(ClusterOptions options, bool http2) => new()
    {
        // Re-resolve DNS now and then: a cluster behind a load balancer or a Kubernetes service moves.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
        AutomaticDecompression = http2 ? DecompressionMethods.None : DecompressionMethods.All,
        // One HTTP/2 connection caps concurrent calls at the server's stream limit; open more under load.
        EnableMultipleHttp2Connections = http2,
        KeepAlivePingDelay = http2 ? TimeSpan.FromSeconds(60) : Timeout.InfiniteTimeSpan,
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
    };
}
