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
        using var recorder = SpanRecorder.Start(GrpcDiagnostics.ActivitySourceName);
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>());
        using var channel = server.CreateChannel();
        using var parent = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C).Start();

        await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 1 }).ResponseAsync.Within();
        parent.Stop();
        var stopped = await recorder.WaitForAsync(spans => spans.Any(a => a.Kind == ActivityKind.Server && a.TraceId == parent.TraceId), "the server span");

        var client = stopped.Single(a => a.Kind == ActivityKind.Client && a.TraceId == parent.TraceId);
        var serverSpan = stopped.Single(a => a.Kind == ActivityKind.Server && a.TraceId == parent.TraceId);
        Assert.Equal("grpc.testing.TestService/UnaryCall", serverSpan.DisplayName);
        Assert.Equal(client.SpanId, serverSpan.ParentSpanId);
        Assert.Equal("grpc", serverSpan.GetTagItem("rpc.system"));
        Assert.Equal("UnaryCall", serverSpan.GetTagItem("rpc.method"));
        Assert.Equal(0, serverSpan.GetTagItem("rpc.grpc.status_code"));
    }
}
