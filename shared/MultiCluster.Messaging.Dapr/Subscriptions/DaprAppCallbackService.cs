using CloudNative.CloudEvents;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.CloudEvents;
using Dapr.AppCallback.Autogen.Grpc.v1;
using MultiCluster.Messaging.Transport;
using Status = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Dapr's AppCallback, served on the app's gRPC port: the sidecar asks once at startup which topics to deliver, then
/// calls OnTopicEvent per event and settles it by the answer (SUCCESS acknowledges, RETRY redelivers, DROP drops or
/// dead-letters). Events go through the same <see cref="EventDispatcher"/> as the local transport's.
/// </summary>
internal sealed partial class DaprAppCallbackService(
    SubscriptionRegistry registry, EventDispatcher dispatcher, TopicEventSettlement settlement, DaprOptions options, ILogger<DaprAppCallbackService> logger)
    : AppCallback.AppCallbackBase
{
    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AppApiTokenGuard.ThrowIfUnauthenticated(options, context);
        var response = new ListTopicSubscriptionsResponse();
        foreach (var topic in registry.Freeze())
        {
            response.Subscriptions.Add(new TopicSubscription { PubsubName = options.PubSubName, Topic = topic, DeadLetterTopic = options.DeadLetterTopic(topic) ?? "" });
        }

        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        AppApiTokenGuard.ThrowIfUnauthenticated(options, context);
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = TopicEventReader.Read(request, context.RequestHeaders);
        }
        catch (CloudEventFormatException exception)
        {
            // Redelivering cannot fix the bytes: drop it (to the dead-letter topic) at once.
            LogMalformed(logger, request.Topic, request.Id, exception.Message);
            return new TopicEventResponse { Status = Status.Drop };
        }

        // Cancellation (the sidecar gave up on the call) propagates as CANCELLED, which Dapr retries.
        var outcome = await dispatcher.DispatchAsync(request.Topic, cloudEvent, "dapr", context.CancellationToken);
        return new TopicEventResponse { Status = settlement.Settle(request.Topic, cloudEvent, outcome) };
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Malformed event '{EventId}' on {Topic} dropped: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string topic, string eventId, string problem);
}
