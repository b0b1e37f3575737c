using CloudNative.CloudEvents;
using Google.Protobuf;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>Publishes for real, then after the given number of events runs <paramref name="crash"/> (once).</summary>
internal sealed class CrashingPublisher(IEventPublisher inner, int crashAfter, Func<Task> crash) : IEventPublisher
{
    private int _published;

    public Task<CloudEvent> PublishAsync(string topic, IMessage message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The relay publishes envelopes.");

    public async Task PublishAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken = default)
    {
        await inner.PublishAsync(topic, cloudEvent, cancellationToken);
        if (Interlocked.Increment(ref _published) == crashAfter)
        {
            await crash();
        }
    }
}
