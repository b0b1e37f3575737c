using CloudNative.CloudEvents;

namespace MultiCluster.Messaging.Outbox;

/// <summary>A committed, not yet sent row of the outbox table.</summary>
public sealed record OutboxEntry(long Position, string Topic, CloudEvent Event);
