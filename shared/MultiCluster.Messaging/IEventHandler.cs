using System.Diagnostics.CodeAnalysis;
using CloudNative.CloudEvents;

namespace MultiCluster.Messaging;

/// <summary>
/// A handler class resolved from a fresh DI scope per event (register with <c>services.AddEventHandler&lt;T&gt;(topic)</c>).
/// Completing acknowledges the event; throwing has it delivered again, and after the configured number of failed
/// deliveries it goes to the topic's dead-letter stream.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "A handler of messaging events (integration events), the name messaging code expects; not a .NET event delegate.")]
public interface IEventHandler
{
    Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken);
}
