using CloudNative.CloudEvents;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>
/// The CloudEvents distributed tracing extension: the W3C trace context (<c>traceparent</c>, <c>tracestate</c>) of the
/// span that produced or last published the event, so its consumers' spans join that trace. Version 2 of the SDK no
/// longer ships this extension; these are its two attributes, defined the way the SDK defines its own extensions.
/// </summary>
public static class DistributedTracingExtension
{
    public static CloudEventAttribute TraceParentAttribute { get; } = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    public static CloudEventAttribute TraceStateAttribute { get; } = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    /// <summary>Both attributes, for decoding.</summary>
    public static IReadOnlyList<CloudEventAttribute> AllAttributes { get; } = [TraceParentAttribute, TraceStateAttribute];

    public static string? GetTraceParent(this CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent[TraceParentAttribute] as string;
    }

    public static string? GetTraceState(this CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent[TraceStateAttribute] as string;
    }

    /// <summary>Sets both attributes (null unsets one); returns the event.</summary>
    public static CloudEvent SetTraceContext(this CloudEvent cloudEvent, string? traceParent, string? traceState)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        cloudEvent[TraceParentAttribute] = traceParent;
        cloudEvent[TraceStateAttribute] = traceParent is null ? null : traceState;
        return cloudEvent;
    }
}
