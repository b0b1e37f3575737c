using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class TracingTests
{
    [Fact]
    public async Task Call_ClientAndServerSpans_ShareTraceIdAndFollowRpcConventions()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrpcDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>());
        using var channel = server.CreateChannel();
        using var parent = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C).Start();

        await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 1 }).ResponseAsync.Within();
        parent.Stop();
        await WaitUntil(() => stopped.Count(a => a.Kind == ActivityKind.Server && a.TraceId == parent.TraceId) == 1);

        var client = stopped.Single(a => a.Kind == ActivityKind.Client && a.TraceId == parent.TraceId);
        var serverSpan = stopped.Single(a => a.Kind == ActivityKind.Server && a.TraceId == parent.TraceId);
        Assert.Equal("grpc.testing.TestService/UnaryCall", serverSpan.DisplayName);
        Assert.Equal(client.SpanId, serverSpan.ParentSpanId);
        Assert.Equal("grpc", serverSpan.GetTagItem("rpc.system"));
        Assert.Equal("UnaryCall", serverSpan.GetTagItem("rpc.method"));
        Assert.Equal(0, serverSpan.GetTagItem("rpc.grpc.status_code"));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
