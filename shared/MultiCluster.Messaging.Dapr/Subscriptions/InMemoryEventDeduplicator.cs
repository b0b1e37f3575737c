using CloudNative.CloudEvents;
using MultiCluster.Messaging.Transport;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Handled event ids kept in this process for <see cref="DaprOptions.ProcessedIdRetention"/> (at most
/// <see cref="DaprOptions.MaxTrackedEvents"/>, oldest forgotten first). It catches what Dapr redelivers to this
/// instance (a lost SUCCESS, a broker redelivery) and concurrent deliveries of one id, not a redelivery that lands on
/// another replica, nor anything across a restart. A host that needs group-wide deduplication registers a durable
/// <see cref="IEventDeduplicator"/> before <c>AddDaprMessaging</c>; this one is only the fallback.
/// </summary>
internal sealed class InMemoryEventDeduplicator(DaprOptions options, TimeProvider time) : IEventDeduplicator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _done = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expires)> _expiry = new();

    public Task<ProcessingClaim> TryClaimAsync(string consumerGroup, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var key = $"{consumerGroup}\n{cloudEvent.Source}\n{cloudEvent.Id}";
        var token = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            Prune();
            var status = _done.ContainsKey(key) ? ClaimStatus.AlreadyProcessed
                : !_processing.TryAdd(key, token) ? ClaimStatus.InProgressElsewhere
                : ClaimStatus.Acquired;
            return Task.FromResult(new ProcessingClaim(status, key, token));
        }
    }

    public Task CompleteAsync(ProcessingClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
        {
            Release(claim);
            var expires = time.GetUtcNow() + options.ProcessedIdRetention;
            _done[claim.Key] = expires;
            _expiry.Enqueue((claim.Key, expires));
            Prune();
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(ProcessingClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
        {
            Release(claim);
        }

        return Task.CompletedTask;
    }

    private void Release(ProcessingClaim claim)
    {
        if (_processing.TryGetValue(claim.Key, out var owner) && owner == claim.Token)
        {
            _processing.Remove(claim.Key);
        }
    }

    // The queue is in completion order and every entry lives as long, so expired entries are at its front.
    private void Prune()
    {
        var now = time.GetUtcNow();
        while (_expiry.TryPeek(out var oldest) && (oldest.Expires <= now || _done.Count > options.MaxTrackedEvents))
        {
            _expiry.Dequeue();
            if (_done.TryGetValue(oldest.Key, out var expires) && expires == oldest.Expires)
            {
                _done.Remove(oldest.Key);
            }
        }
    }
}
