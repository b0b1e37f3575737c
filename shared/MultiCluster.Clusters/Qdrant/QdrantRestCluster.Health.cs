using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant;

// Health and stats: GET /collections (authenticated: proves the API key; its round trip is the latency), GET /
// (version) and GET /readyz (readiness). Qdrant serves / and /readyz without a key, so they alone would call a
// cluster healthy that rejects every real call. Totals come from list + describe.
public sealed partial class QdrantRestCluster
{
    public async Task<ClusterHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var checkedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        ClusterHealth health;
        try
        {
            // Sent once (see QdrantResiliencePipelines).
            await _transport.SendAsync(new QdrantCall("health probe", HttpMethod.Get, "collections", null, CallKind.Once), QdrantJsonContext.Default.QdrantResponseWireCollectionList, _ => true, cancellationToken);
            var latency = _time.GetElapsedTime(started);
            var version = await _transport.SendForBodyAsync(new QdrantCall("version probe", HttpMethod.Get, "", null, CallKind.Once), QdrantJsonContext.Default.WireVersionInfo, v => v.Version, cancellationToken);
            var notReady = await NotReadyReasonAsync(cancellationToken);
            health = notReady is not null
                ? new ClusterHealth(Name, HealthState.Degraded, latency, version, notReady, checkedAt)
                : latency > _options.Timeout / 2
                    ? new ClusterHealth(Name, HealthState.Degraded, latency, version, $"Cluster '{Name}' answered in {latency.TotalMilliseconds:0} ms, over half its {_options.Timeout.TotalMilliseconds:0} ms timeout: it is overloaded or far away; expect timeouts.", checkedAt)
                    : new ClusterHealth(Name, HealthState.Healthy, latency, version, null, checkedAt);
        }
        catch (VectorClusterException e)
        {
            health = new ClusterHealth(Name, HealthState.Down, TimeSpan.Zero, null, e.Message, checkedAt);
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

            var bytesPerPoint = (long)info.Spec.VectorSize * sizeof(float) + (info.Spec.Quantization is null ? 0 : info.Spec.VectorSize);
            collections.Add(new CollectionStats(name, info.PointsCount, info.PointsCount * bytesPerPoint));
        }

        return new ClusterStats(Name, collections.Count, collections.Sum(c => c.PointsCount), collections.Sum(c => c.ApproximateBytes), collections);
    }

    // /readyz answers 200 once every shard is ready and 503 before; its body is plain text, not Qdrant's envelope.
    private async Task<string?> NotReadyReasonAsync(CancellationToken cancellationToken)
    {
        var call = new QdrantCall("readiness probe", HttpMethod.Get, "readyz", null, CallKind.Once);
        return await _transport.ExecuteAsync(
            call,
            async (response, token) => response.IsSuccessStatusCode
                ? null
                : $"Cluster '{Name}' answers but is not ready (readyz: HTTP {(int)response.StatusCode} \"{(await response.Content.ReadAsStringAsync(token)).Trim()}\"): shards are still loading or recovering; wait, or route to a replica.",
            cancellationToken);
    }
}
