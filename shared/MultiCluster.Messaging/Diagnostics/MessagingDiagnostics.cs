using System.Diagnostics;
using CloudNative.CloudEvents;
using MultiCluster.Messaging.CloudEvents;

namespace MultiCluster.Messaging.Diagnostics;

/// <summary>
/// One span per publish ("&lt;topic&gt; publish", producer) and per handled event ("&lt;topic&gt; process", consumer,
/// child of the traceparent the event carries), tagged per the OpenTelemetry messaging and CloudEvents conventions.
/// </summary>
public static class MessagingDiagnostics
{
    public const string ActivitySourceName = "MultiCluster.Messaging";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName, "1.0.0");

    /// <summary>Starts the publish span under the envelope's own trace context, or the current one when it has none.</summary>
    public static Activity? StartPublish(string topic, CloudEvent cloudEvent, string messagingSystem)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var activity = ParentOf(cloudEvent) is { } parent
            ? ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer, parent)
            : ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer);
        return Tag(activity, topic, cloudEvent, messagingSystem, "send", "publish");
    }

    /// <summary>Starts the process span as a child of the publisher's span, whose context the event carries.</summary>
    public static Activity? StartProcess(string topic, CloudEvent cloudEvent, string messagingSystem, string consumerGroup)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var activity = ActivitySource.StartActivity($"{topic} process", ActivityKind.Consumer, ParentOf(cloudEvent) ?? default);
        activity?.SetTag("messaging.consumer.group.name", consumerGroup);
        return Tag(activity, topic, cloudEvent, messagingSystem, "process", "process");
    }

    public static void RecordFailure(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }

    private static ActivityContext? ParentOf(CloudEvent cloudEvent) =>
        cloudEvent.GetTraceParent() is { } traceParent && ActivityContext.TryParse(traceParent, cloudEvent.GetTraceState(), isRemote: true, out var context)
            ? context
            : null;

    private static Activity? Tag(Activity? activity, string topic, CloudEvent cloudEvent, string messagingSystem, string operationType, string operationName)
    {
        activity?.SetTag("messaging.system", messagingSystem);
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.operation.type", operationType);
        activity?.SetTag("messaging.operation.name", operationName);
        activity?.SetTag("messaging.message.id", cloudEvent.Id);
        activity?.SetTag("cloudevents.event_id", cloudEvent.Id);
        activity?.SetTag("cloudevents.event_source", cloudEvent.Source?.OriginalString);
        activity?.SetTag("cloudevents.event_type", cloudEvent.Type);
        return activity;
    }
}
