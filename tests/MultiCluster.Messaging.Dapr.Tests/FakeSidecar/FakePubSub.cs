using System.Diagnostics;
using System.Text.Json.Nodes;
using Grpc.Core;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Status = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>
/// The pub/sub component behind the fake sidecar. Each accepted event goes to every app subscribed to its pubsub and
/// topic (one consumer group per app id), by calling the app's AppCallback.OnTopicEvent over real gRPC, settled as
/// Dapr settles it: SUCCESS acknowledges; RETRY, or a failed call other than UNIMPLEMENTED, redelivers (here after
/// <see cref="RetryDelay"/>, at most <see cref="MaxAttempts"/> times, standing in for Dapr's resiliency policy and the
/// broker's redelivery); DROP, or UNIMPLEMENTED, drops it, to the subscription's dead-letter topic when it names one.
/// </summary>
public sealed class FakePubSub(FakeApps apps) : IAsyncDisposable
{
    public const int MaxAttempts = 10;
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _deliveries = [];

    public Recording<PublishedEvent> Published { get; } = new();

    public Recording<DeliveryAttempt> Deliveries { get; } = new();

    /// <summary>Stores the event and starts delivering it; returns at once, as Dapr returns once the broker has it.</summary>
    public void Accept(string pubSubName, string topic, JsonObject envelope, string? apiToken)
    {
        Published.Add(new PublishedEvent(pubSubName, topic, envelope, apiToken));
        foreach (var (app, subscription) in apps.SubscribersOf(pubSubName, topic))
        {
            var delivery = Task.Run(() => DeliverAsync(app, subscription, envelope.DeepClone().AsObject()), CancellationToken.None);
            lock (_deliveries)
            {
                _deliveries.Add(delivery);
            }
        }
    }

    /// <summary>
    /// Delivers a published event again to whichever instance of <paramref name="appId"/> is registered now, as the
    /// broker does when an acknowledgement was lost (the instance that had it went away before answering).
    /// </summary>
    public void Redeliver(string appId, PublishedEvent published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var (app, subscription) = apps.SubscribersOf(published.PubSubName, published.Topic).Single(s => s.App.AppId == appId);
        var delivery = Task.Run(() => DeliverAsync(app, subscription, published.Envelope.DeepClone().AsObject()), CancellationToken.None);
        lock (_deliveries)
        {
            _deliveries.Add(delivery);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_deliveries)
        {
            running = [.. _deliveries];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    private async Task DeliverAsync(RegisteredApp app, TopicSubscription subscription, JsonObject envelope)
    {
        var request = FakeEnvelope.ToTopicEventRequest(envelope, subscription.Topic, subscription.PubsubName);

        // Delivery comes from the broker, not from the publisher's call: only the event's traceparent links them. Like
        // Dapr, the fake opens a span under it, whose context our gRPC client sends as traceparent metadata.
        Activity.Current = null;
        using var span = new Activity($"pubsub/{subscription.Topic}");
        if (envelope["traceparent"]?.GetValue<string>() is { Length: > 0 } traceParent)
        {
            span.SetParentId(traceParent);
        }

        span.Start();
        for (var attempt = 1; attempt <= MaxAttempts && !_stopping.IsCancellationRequested; attempt++)
        {
            string outcome;
            try
            {
                var response = await app.Callback.OnTopicEventAsync(request, app.CallHeaders(), DateTime.UtcNow.AddSeconds(10), _stopping.Token);
                outcome = response.Status switch
                {
                    Status.Success => DeliveryAttempt.Success,
                    Status.Drop => DeliveryAttempt.Drop,
                    _ => DeliveryAttempt.Retry,
                };
            }
            catch (RpcException exception) when (!_stopping.IsCancellationRequested)
            {
                outcome = exception.StatusCode == StatusCode.Unimplemented ? DeliveryAttempt.Drop : DeliveryAttempt.CallFailed(exception.StatusCode);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            Deliveries.Add(new DeliveryAttempt(app.AppId, subscription.Topic, request.Id, outcome));
            if (outcome == DeliveryAttempt.Success)
            {
                return;
            }

            if (outcome == DeliveryAttempt.Drop)
            {
                if (subscription.DeadLetterTopic.Length > 0)
                {
                    Accept(subscription.PubsubName, subscription.DeadLetterTopic, envelope, apiToken: null);
                }

                return;
            }

            await Task.Delay(RetryDelay, CancellationToken.None);
        }
    }
}
