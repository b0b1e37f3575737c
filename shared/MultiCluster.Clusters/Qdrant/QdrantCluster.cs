using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// <see cref="IVectorCluster"/> over Qdrant's gRPC API through Qdrant.Client (v1.x, one unnamed dense vector per
/// collection), with a small REST path for what Qdrant serves only over REST (snapshot recovery from a URL, /readyz,
/// the /metrics memory probe). Each operation lives in the partial file of its concern; this file holds the wiring.
/// Thread-safe; one instance per cluster for the life of the process (it owns its connections).
/// </summary>
public sealed partial class QdrantCluster : IVectorCluster, IDisposable
{
    /// <summary>
    /// Points per upsert request. Qdrant accepts 32 MB requests by default; 256 points of 1,536 floats stay near
    /// 1.6 MB, and a failed batch costs little to retry.
    /// </summary>
    public const int MaxPointsPerRequest = 256;

    private readonly ClusterOptions _options;
    private readonly QdrantChannels _channels;
    private readonly QdrantErrorMapper _errors;
    private readonly QdrantRequestValidator _validate;
    private readonly QdrantGrpcTransport _grpc;
    private readonly QdrantRestTransport _rest;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <param name="options">The cluster's configuration.</param>
    /// <param name="retry">Retry policy for idempotent calls.</param>
    /// <param name="logger">Where retries and failures are logged; never given the API key.</param>
    /// <param name="restHandler">HTTP handler of the REST path; null for a <see cref="SocketsHttpHandler"/> (tests pass a stub).</param>
    /// <param name="grpcHandler">HTTP/2 handler of the gRPC channel; null for a <see cref="SocketsHttpHandler"/> (tests pass a stub).</param>
    /// <param name="timeProvider">Clock for deadlines and health latency; null for the system clock.</param>
    public QdrantCluster(
        ClusterOptions options,
        RetryOptions retry,
        ILogger<QdrantCluster>? logger = null,
        HttpMessageHandler? restHandler = null,
        HttpMessageHandler? grpcHandler = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retry);
        _options = options;
        _logger = logger ?? NullLogger<QdrantCluster>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _channels = new QdrantChannels(options, restHandler, grpcHandler);
        _errors = new QdrantErrorMapper(options);
        _validate = new QdrantRequestValidator(_errors);
        var pipelines = new QdrantResiliencePipelines(options, retry, _logger);
        var runner = new QdrantCallRunner(pipelines, _errors, _logger, options.Name);
        _grpc = new QdrantGrpcTransport(runner, _errors, pipelines, _time);
        _rest = new QdrantRestTransport(_channels.Rest, runner, _errors);
    }

    public string Name => _options.Name;

    public void Dispose() => _channels.Dispose();

    private static string CollectionPath(string collection, string rest = "") => $"collections/{Uri.EscapeDataString(collection)}{rest}";
}
