using CloudNative.CloudEvents;

namespace MultiCluster.Messaging.Transport;

/// <summary>
/// Makes handling idempotent by event: before a handler runs, the consumer group claims the event's (source, id);
/// an event the group already handled is acknowledged without running the handler again, and one another instance
/// is handling right now is left for later. At-least-once delivery plus this gives once per event id to handlers.
/// </summary>
public interface IEventDeduplicator
{
    Task<ProcessingClaim> TryClaimAsync(string consumerGroup, CloudEvent cloudEvent);

    /// <summary>Records the event as handled; later deliveries of it are duplicates.</summary>
    Task CompleteAsync(ProcessingClaim claim);

    /// <summary>Gives the claim up after a failure, so the next delivery runs the handler again.</summary>
    Task ReleaseAsync(ProcessingClaim claim);
}
