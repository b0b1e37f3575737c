using System.Diagnostics;
using CloudNative.CloudEvents;

namespace MultiCluster.Messaging.Dapr.Tests.Infrastructure;

/// <summary>An event as a handler got it, with the trace its handling ran in.</summary>
public sealed record ReceivedEvent(string Topic, CloudEvent Event, ActivityTraceId? TraceId)
{
    public override string ToString() => $"{Topic}:{Event.Id}";
}
