using System.Globalization;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant;

// Health and stats: gRPC ListCollections (authenticated: proves the API key; its round trip is the latency), gRPC
// HealthCheck (version), REST GET /readyz (readiness) and, when a memory threshold is set, REST GET /metrics
// (memory_resident_bytes). Qdrant serves HealthCheck and /readyz without a key, so they alone would call a cluster
// healthy that rejects every real call. Totals come from list + describe.
public sealed partial class QdrantCluster
{
    /// <summary>Qdrant's node gauge of resident memory (jemalloc), in its /metrics exposition.</summary>
    public const string ResidentMemoryMetric = "memory_resident_bytes";

    public async Task<ClusterHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var checkedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        ClusterHealth health;
        try
        {
            // Sent once (see QdrantResiliencePipelines).
            await ListCollectionsAsync(new QdrantCall("health probe", null, CallKind.Once), cancellationToken);
            var latency = _time.GetElapsedTime(started);
            var version = await _grpc.CallAsync(new QdrantCall("version probe", null, CallKind.Once), o => _channels.Grpc.Qdrant.HealthCheckAsync(new G.HealthCheckRequest(), o), r => r.Version, cancellationToken);
            var issues = new List<ClusterIssue>();
            if (await NotReadyReasonAsync(cancellationToken) is { } notReady)
            {
                issues.Add(new ClusterIssue(ClusterIssueCodes.NotReady, notReady));
            }

            if (latency > _options.EffectiveDegradedLatency)
            {
                issues.Add(new ClusterIssue(ClusterIssueCodes.Slow,
                    $"Cluster '{Name}' answered in {latency.TotalMilliseconds:0} ms, over its {_options.EffectiveDegradedLatency.TotalMilliseconds:0} ms threshold (degraded_latency_ms): it is overloaded or far away; expect timeouts."));
            }

            long? resident = null;
            if (_options.DegradedMemoryBytes > 0)
            {
                (resident, var memoryIssue) = await MemoryAsync(cancellationToken);
                if (memoryIssue is not null)
                {
                    issues.Add(memoryIssue);
                }
            }

            health = new ClusterHealth(Name, issues.Count == 0 ? HealthState.Healthy : HealthState.Degraded, latency, version, issues, checkedAt)
            {
                MemoryResidentBytes = resident,
            };
        }
        catch (VectorClusterException e)
        {
            health = new ClusterHealth(Name, HealthState.Down, TimeSpan.Zero, null, [new ClusterIssue(ClusterIssueCodes.Down, e.Message)], checkedAt);
        }

        if (health.Problem is null)
        {
            QdrantLog.Healthy(_logger, Name, health.Latency.TotalMilliseconds);
        }
        else
        {
            QdrantLog.Unhealthy(_logger, Name, health.State, health.Problem);
        }

        return health;
    }

    public async Task<ClusterStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var names = await ListCollectionsAsync(cancellationToken);
        var collections = new List<CollectionStats>(names.Count);
        foreach (var name in names)
        {
            CollectionInfo info;
            try
            {
                info = await DescribeCollectionAsync(name, cancellationToken);
            }
            catch (CollectionNotFoundException)
            {
                // Dropped between the list and the describe: it no longer counts.
                continue;
            }

            var bytesPerPoint = (long)info.Spec.VectorSize * sizeof(float) + QuantizedBytes(info.Spec.Quantization, info.Spec.VectorSize);
            collections.Add(new CollectionStats(name, info.PointsCount, info.PointsCount * bytesPerPoint));
        }

        return new ClusterStats(Name, collections.Count, collections.Sum(c => c.PointsCount), collections.Sum(c => c.ApproximateBytes), collections);
    }

    // The second, compressed copy quantization keeps: 1 byte per dimension for int8, 4 / ratio for product, 1 bit for binary.
    private static long QuantizedBytes(VectorQuantization? quantization, int dimension) => quantization switch
    {
        ScalarQuantization => dimension,
        ProductQuantization p => (long)dimension * sizeof(float) / (int)p.Compression,
        BinaryQuantization => (dimension + 7) / 8,
        _ => 0,
    };

    // /readyz answers 200 once every shard is ready and 503 before; its body is plain text, not Qdrant's envelope.
    private async Task<string?> NotReadyReasonAsync(CancellationToken cancellationToken)
    {
        var call = new QdrantCall("readiness probe", null, CallKind.Once);
        return await _rest.SendAsync(
            call,
            HttpMethod.Get,
            "readyz",
            null,
            async (response, token) => response.IsSuccessStatusCode
                ? null
                : $"Cluster '{Name}' answers but is not ready (readyz: HTTP {(int)response.StatusCode} \"{(await response.Content.ReadAsStringAsync(token)).Trim()}\"): shards are still loading or recovering; wait, or route to a replica.",
            cancellationToken);
    }

    // A memory reading that cannot be had is reported, not ignored: a threshold that silently never fires is worse
    // than none. It degrades rather than downs the cluster, which answered the real calls above.
    private async Task<(long? Resident, ClusterIssue? Issue)> MemoryAsync(CancellationToken cancellationToken)
    {
        var threshold = _options.DegradedMemoryBytes;
        var call = new QdrantCall("memory probe", null, CallKind.Once);
        (int Status, double? Value) reading;
        try
        {
            reading = await _rest.SendAsync(
                call,
                HttpMethod.Get,
                "metrics",
                null,
                async (response, token) => response.IsSuccessStatusCode
                    ? ((int)response.StatusCode, PrometheusGauge.Read(await response.Content.ReadAsStringAsync(token), ResidentMemoryMetric))
                    : ((int)response.StatusCode, null),
                cancellationToken);
        }
        catch (VectorClusterException e)
        {
            return (null, Unknown($"its /metrics could not be read ({e.Message})"));
        }

        if (reading.Status is < 200 or > 299)
        {
            return (null, Unknown($"/metrics answered HTTP {reading.Status}"));
        }

        if (reading.Value is not { } value || !double.IsFinite(value) || value < 0)
        {
            return (null, Unknown($"/metrics has no {ResidentMemoryMetric} gauge"));
        }

        var bytes = (long)Math.Min(value, long.MaxValue);
        return bytes <= threshold
            ? (bytes, null)
            : (bytes, new ClusterIssue(ClusterIssueCodes.MemoryHigh,
                $"Cluster '{Name}' uses {Size(bytes)} resident memory ({ResidentMemoryMetric}), over its {Size(threshold)} threshold (degraded_memory_bytes): give it more memory, quantize its collections, or let the rebalancer move domains away."));
    }

    private ClusterIssue Unknown(string reason) => new(ClusterIssueCodes.MemoryUnknown,
        $"Cluster '{Name}': {reason}, so degraded_memory_bytes cannot be checked; make /metrics reachable with the cluster's API key (Qdrant reports {ResidentMemoryMetric} there), or remove the threshold.");

    // Bytes for exactness (thresholds are configured in bytes), MiB so a person can read it at a glance.
    private static string Size(long bytes) =>
        $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes ({(bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MiB)";
}
