using CloudNative.CloudEvents;
using Google.Protobuf;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Dapr.Protos;
using MultiCluster.Messaging.Dapr.Sidecar;
using MultiCluster.Messaging.Transport;

namespace MultiCluster.Messaging.Dapr.Publishing;

/// <summary>
/// Sends through the sidecar's PublishEvent; returning means the sidecar handed the event to the pub/sub component.
/// The envelope goes whole, in the CloudEvents JSON format (application/cloudevents+json), so Dapr keeps our id, source,
/// type and data instead of wrapping the bytes in an envelope of its own. Dapr does rewrite traceparent with the span
/// of its PublishEvent call, whose parent is the traceparent our gRPC client sends: the trace stays one. The publish
/// span itself is the shared <see cref="EventPublisher"/>'s, as for the local transport.
/// </summary>
internal sealed class DaprPubSubTransport(DaprSidecar sidecar, DaprOptions options, TimeProvider time) : IEventTransport
{
    private readonly Protos.Dapr.DaprClient _client = new(sidecar.CreateCallInvoker());

    public string MessagingSystem => "dapr";

    public async Task SendAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var request = new PublishEventRequest
        {
            PubsubName = options.PubSubName,
            Topic = topic,
            Data = ByteString.CopyFrom(CloudEventFormat.Encode(cloudEvent)),
            DataContentType = CloudEventFormat.MediaType,
        };
        await _client.PublishEventAsync(request, deadline: time.GetUtcNow().UtcDateTime + options.PublishTimeout, cancellationToken: cancellationToken);
    }
}
