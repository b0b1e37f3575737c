using CloudNative.CloudEvents;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Messaging.Dapr.Subscriptions;
using MultiCluster.Messaging.Transport;
using Xunit;
using Status = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>The answer to the sidecar for each way handling can end, and the poison-event bound.</summary>
public sealed class TopicEventSettlementTests
{
    private static readonly CloudEvent Event = new() { Id = "e-1", Source = new Uri("discovery", UriKind.Relative), Type = "t" };
    private static readonly DispatchOutcome Failed = DispatchOutcome.Failed(new TimeoutException("db down"));

    [Fact]
    public void EachOutcome_GetsDaprsMatchingAnswer()
    {
        var settlement = Create(maxDeliveries: 5);

        Assert.Equal(Status.Success, settlement.Settle("t", Event, DispatchOutcome.Handled));
        Assert.Equal(Status.Success, settlement.Settle("t", Event, DispatchOutcome.Duplicate));
        Assert.Equal(Status.Retry, settlement.Settle("t", Event, DispatchOutcome.InProgressElsewhere));
        Assert.Equal(Status.Retry, settlement.Settle("t", Event, Failed));
        Assert.Equal(Status.Drop, settlement.Settle("t", Event, DispatchOutcome.NoHandler));
    }

    [Fact]
    public void FailingEvent_IsRetriedUntilMaxDeliveriesThenDropped()
    {
        var settlement = Create(maxDeliveries: 3);

        var answers = Enumerable.Range(0, 4).Select(_ => settlement.Settle("t", Event, Failed)).ToList();

        // After the drop the count starts over: a later republish of the event gets its full share of attempts.
        Assert.Equal([Status.Retry, Status.Retry, Status.Drop, Status.Retry], answers);
    }

    [Fact]
    public void SuccessAfterFailures_ResetsTheEventsCount()
    {
        var settlement = Create(maxDeliveries: 2);

        settlement.Settle("t", Event, Failed);
        settlement.Settle("t", Event, DispatchOutcome.Handled);

        Assert.Equal(Status.Retry, settlement.Settle("t", Event, Failed));
    }

    private static TopicEventSettlement Create(int maxDeliveries) =>
        new(new DaprOptions { MaxDeliveries = maxDeliveries }, NullLogger<TopicEventSettlement>.Instance);
}
