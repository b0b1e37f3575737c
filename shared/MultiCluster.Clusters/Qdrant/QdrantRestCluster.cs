using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// <see cref="IVectorCluster"/> over Qdrant's REST API as its OpenAPI document describes it (v1.x, one unnamed
/// dense vector per collection). Each operation lives in the partial file of its concern; this file holds the
/// wiring. Thread-safe; one instance per cluster for the life of the process (it owns a connection pool).
/// </summary>
public sealed partial class QdrantRestCluster : IVectorCluster, IDisposable
{
    /// <summary>
    /// Points per upsert request. Qdrant accepts 32 MB bodies by default; 256 points of 1,536 floats stay near 4 MB,
    /// and a failed batch costs little to retry.
    /// </summary>
    public const int MaxPointsPerRequest = 256;

    private readonly ClusterOptions _options;
    private readonly HttpClient _http;
    private readonly QdrantErrorMapper _errors;
    private readonly QdrantRequestValidator _validate;
    private readonly QdrantTransport _transport;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <param name="options">The cluster's configuration.</param>
    /// <param name="retry">Retry policy for idempotent calls.</param>
    /// <param name="logger">Where retries and failures are logged; never given the API key.</param>
    /// <param name="handler">The HTTP handler; null for a <see cref="SocketsHttpHandler"/> (tests pass a stub).</param>
    /// <param name="timeProvider">Clock for health latency; null for the system clock.</param>
    public QdrantRestCluster(ClusterOptions options, RetryOptions retry, ILogger<QdrantRestCluster>? logger = null, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retry);
        _options = options;
        _logger = logger ?? NullLogger<QdrantRestCluster>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _http = QdrantHttpClientFactory.Create(options, handler);
        _errors = new QdrantErrorMapper(options);
        _validate = new QdrantRequestValidator(_errors);
        _transport = new QdrantTransport(_http, new QdrantResiliencePipelines(options, retry, _logger), _errors, _logger, options.Name);
    }

    public string Name => _options.Name;

    public void Dispose() => _http.Dispose();

    private static string CollectionPath(string collection, string rest = "") => $"collections/{Uri.EscapeDataString(collection)}{rest}";

    private static string WaitQuery(bool wait) => wait ? "?wait=true" : "?wait=false";

    private static byte[] Json<T>(T body, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(body, type);
}
