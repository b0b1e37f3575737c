using CloudNative.CloudEvents;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Transport;
using SidecarClient = Dapr.Client.DaprClient;

namespace MultiCluster.Messaging.Dapr.Publishing;

/// <summary>
/// Sends through the sidecar's PublishEvent with Dapr.Client's raw-bytes publish; returning means the sidecar handed
/// the event to the pub/sub component. The envelope goes whole, in the CloudEvents JSON format
/// (application/cloudevents+json), so Dapr keeps our id, source, type and data instead of wrapping the bytes in an
/// envelope of its own (PublishEventAsync would serialize an object as the data of Dapr's own envelope). Dapr does
/// rewrite traceparent with the span of its PublishEvent call, whose parent is the traceparent our call sends: the
/// trace stays one. The publish span itself is the shared <see cref="EventPublisher"/>'s, as for the local transport.
/// </summary>
internal sealed class DaprPubSubTransport(SidecarClient sidecar, DaprOptions options) : IEventTransport
{
    public string MessagingSystem => "dapr";

    public async Task SendAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        // A stuck sidecar must not hold the outbox relay: the publish gives up after Messaging:Dapr:PublishTimeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        await sidecar.PublishByteEventAsync(options.PubSubName, topic, CloudEventFormat.Encode(cloudEvent), CloudEventFormat.MediaType, cancellationToken: timeout.Token);
    }
}
