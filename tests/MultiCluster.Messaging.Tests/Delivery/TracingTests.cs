using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Messaging.Diagnostics;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

public sealed class TracingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly ActivitySource TestSource = new("MultiCluster.Messaging.Tests.Tracing");

    [Fact]
    public async Task Trace_is_carried_from_publisher_to_handler()
    {
        var topic = Support.Delivery.NewTopic();
        using var spans = SpanRecorder.Start(MessagingDiagnostics.ActivitySourceName, TestSource.Name);
        var inHandler = new TaskCompletionSource<(ActivityTraceId Trace, ActivitySpanId Span)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "orchestrator");
        node.Subscriber.Subscribe(topic, (_, _) =>
        {
            inHandler.TrySetResult((Activity.Current!.TraceId, Activity.Current.SpanId));
            return Task.CompletedTask;
        });
        await node.StartAsync();

        string eventId;
        ActivityTraceId traceId;
        ActivitySpanId requestSpan;
        using (var request = TestSource.StartActivity("request")!)
        {
            (traceId, requestSpan) = (request.TraceId, request.SpanId);
            eventId = (await node.Publisher.PublishAsync(topic, new StringValue { Value = "traced" }).Within()).Id!;
        }

        var handler = await inHandler.Task.Within();
        var publish = await spans.WaitForAsync($"{topic} publish");
        var process = await spans.WaitForAsync($"{topic} process");
        Assert.Equal((traceId, requestSpan, ActivityKind.Producer), (publish.TraceId, publish.ParentSpanId, publish.Kind));
        Assert.Equal((traceId, publish.SpanId, ActivityKind.Consumer), (process.TraceId, process.ParentSpanId, process.Kind));
        Assert.Equal((traceId, process.SpanId), handler);
        foreach (var span in new[] { publish, process })
        {
            Assert.Equal("redis", span.GetTagItem("messaging.system"));
            Assert.Equal(topic, span.GetTagItem("messaging.destination.name"));
            Assert.Equal(eventId, span.GetTagItem("messaging.message.id"));
        }

        Assert.Equal("orchestrator", process.GetTagItem("messaging.consumer.group.name"));
    }

    [Fact]
    public async Task Failed_handling_marks_the_process_span_as_an_error()
    {
        var topic = Support.Delivery.NewTopic();
        using var spans = SpanRecorder.Start(MessagingDiagnostics.ActivitySourceName);
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "discovery");
        node.Subscriber.Subscribe(topic, (_, _) => throw new InvalidOperationException("handler broke"));
        await node.StartAsync();

        await node.Publisher.PublishAsync(topic, new StringValue { Value = "x" }).Within();

        var process = await spans.WaitForAsync($"{topic} process");
        Assert.Equal((ActivityStatusCode.Error, "handler broke"), (process.Status, process.StatusDescription));
        Assert.Equal(typeof(InvalidOperationException).FullName, process.GetTagItem("error.type"));
    }
}
