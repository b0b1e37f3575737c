using System.Collections.Concurrent;
using CloudNative.CloudEvents;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>What handlers received, in order, with a bounded wait for a condition on it.</summary>
internal sealed class Received
{
    private readonly ConcurrentQueue<CloudEvent> _events = new();

    public IReadOnlyList<CloudEvent> Events => _events.ToArray();

    public IReadOnlyList<string> Ids => Events.Select(e => e.Id!).ToList();

    /// <summary>A handler that records each event it gets.</summary>
    public TopicHandler Handler => (cloudEvent, _) =>
    {
        _events.Enqueue(cloudEvent);
        return Task.CompletedTask;
    };

    public Task WaitForCountAsync(int count) => Eventually.TrueAsync(() => _events.Count >= count, $"{count} events handled");
}
