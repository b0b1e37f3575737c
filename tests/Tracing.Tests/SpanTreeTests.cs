using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using MultiCluster.TestInfrastructure;
using TraceHost.V1;
using MultiCluster.TestInfrastructure.Otlp;
using Xunit;

namespace Tracing.Tests;

/// <summary>
/// One client call through two hosts and one event is one trace, one tree: client → alpha's Forward (gRPC server) →
/// alpha's call to beta → beta's Receive → its INSERT (Npgsql) and its event (producer, then Redis XADD) → the event
/// handled by alpha and by beta (consumers). Parent links cross processes through gRPC metadata and the event's
/// traceparent; both hosts run with auth on and export over OTLP to a receiver in this process.
/// </summary>
public sealed class SpanTreeTests : IDisposable
{
    private const int Server = 2, Client = 3, Producer = 4, Consumer = 5;
    private const string Publish = "tracetest.relayed publish", Process = "tracetest.relayed process";

    // OpenTelemetry's StackExchange.Redis instrumentation, which ServiceDefaults registers.
    private const string RedisScope = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    private static readonly ActivitySource TestSource = new("Tracing.Tests");

    // The test is the trace's first process: its own client span is the root the hosts' spans hang off.
    private readonly SpanRecorder _testSpans = SpanRecorder.Start("Tracing.Tests", "Grpc.Net.Client", "System.Net.Http");

    public void Dispose() => _testSpans.Dispose();

    [Theory]
    [InlineData("grpc")]
    [InlineData("httpprotobuf")]
    public async Task OneCallThroughTwoHostsAndAnEvent_IsOneTreeOfOneTrace(string otlpProtocol)
    {
        await using var mesh = await TraceMesh.StartAsync(otlpProtocol);
        Activity call;
        using (var root = TestSource.StartActivity("test client"))
        {
            using var channel = GrpcChannel.ForAddress(mesh.Alpha.Address);
            await new Relay.RelayClient(channel).ForwardAsync(new RelayRequest { Note = "one call" }, WithKey()).ResponseAsync.Within();
            call = ClientSpan("Forward", root!.TraceId);
            Assert.Equal(root!.SpanId, call.Parent?.ParentSpanId);
        }

        var traceId = call.TraceId.ToHexString();
        // Each host exports on its own schedule, so the wait is for every span the assertions look at, not just the last.
        Func<CollectedSpan, bool>[] expected =
        [
            s => s is { Service: "alpha", Kind: Server, Name: "tracetest.v1.Relay/Forward" },
            s => s is { Service: "alpha", Kind: Client, Name: "tracetest.v1.Relay/Receive" },
            s => s is { Service: "beta", Kind: Server, Name: "tracetest.v1.Relay/Receive" },
            s => s is { Service: "beta", Scope: "Npgsql" } && s.Attribute("db.query.text")?.StartsWith("INSERT", StringComparison.Ordinal) == true,
            s => s is { Service: "beta", Kind: Producer, Name: Publish },
            s => s is { Service: "beta", Scope: RedisScope, Name: "XADD" },
            s => s is { Service: "alpha", Kind: Consumer, Name: Process },
            s => s is { Service: "beta", Kind: Consumer, Name: Process },
        ];
        var spans = (await mesh.WaitForSpansAsync(all => expected.All(match => all.Any(s => s.TraceId == traceId && match(s)))))
            .Where(s => s.TraceId == traceId).ToList();
        var tree = SpanTree.Describe(spans, call.SpanId.ToHexString());
        var (forward, toBeta, receive, insert, publish, xadd, alphaHandled, betaHandled) = (
            One(spans, tree, expected[0]), One(spans, tree, expected[1]), One(spans, tree, expected[2]), One(spans, tree, expected[3]),
            One(spans, tree, expected[4]), One(spans, tree, expected[5]), One(spans, tree, expected[6]), One(spans, tree, expected[7]));

        AssertChild(forward, call.SpanId.ToHexString(), "alpha's Forward is not a child of the test's call", tree);
        AssertChild(toBeta, forward.SpanId, "alpha's call to beta is not a child of its Forward", tree);
        AssertChild(receive, toBeta.SpanId, "beta's Receive is not a child of alpha's call", tree);
        AssertChild(insert, receive.SpanId, "the INSERT is not a child of beta's Receive", tree);
        AssertChild(publish, receive.SpanId, "the event's producer span is not a child of beta's Receive", tree);
        AssertChild(xadd, publish.SpanId, "XADD is not a child of the producer span", tree);
        AssertChild(alphaHandled, publish.SpanId, "alpha's consumer span is not a child of the producer span", tree);
        AssertChild(betaHandled, publish.SpanId, "beta's consumer span is not a child of the producer span", tree);
        Assert.Equal(("redis", "XADD"), (xadd.Attribute("db.system.name"), xadd.Attribute("db.operation.name")));
        Assert.Equal("INSERT", insert.Name);
        var exported = spans.Select(s => s.SpanId).Append(call.SpanId.ToHexString()).ToHashSet(StringComparer.Ordinal);
        Assert.True(spans.All(s => exported.Contains(s.ParentSpanId)), "a span of the trace hangs off a span nobody exported:\n" + tree);
    }

    [Fact]
    public async Task ProbesAndPollers_StartNoTraceOfTheirOwn_AndNoSpanAnywhereLacksItsParent()
    {
        // Both hosts answered /readyz (SELECT 1, PING) before this, and their outbox relays poll PostgreSQL all along.
        await using var mesh = await TraceMesh.StartAsync("grpc");
        string callSpanId;
        using (var root = TestSource.StartActivity("test client"))
        using (var channel = GrpcChannel.ForAddress(mesh.Alpha.Address))
        {
            await new Relay.RelayClient(channel).ForwardAsync(new RelayRequest { Note = "flush" }, WithKey()).ResponseAsync.Within();
            callSpanId = ClientSpan("Forward", root!.TraceId).SpanId.ToHexString();
        }

        // A host exports spans in the order they end: once the call's last spans from both hosts are in, everything
        // the probes and polls did before has been exported too.
        await mesh.WaitForSpansAsync(all => all.Count(s => s is { Kind: Consumer, Name: Process }) == 2);
        var settled = await mesh.WaitForSpansAsync(all =>
        {
            var exported = all.Select(s => s.SpanId).Append(callSpanId).ToHashSet(StringComparer.Ordinal);
            return all.All(s => s.ParentSpanId.Length == 0 || exported.Contains(s.ParentSpanId));
        });

        var rootCommands = settled.Where(s => s is { Scope: "Npgsql", ParentSpanId.Length: 0 } && s.Attribute("db.query.text") is not null).ToList();
        Assert.True(rootCommands.Count == 0, "database commands outside any trace were traced as traces of their own:\n" + SpanTree.Describe(rootCommands));
        Assert.DoesNotContain(settled, s => s is { Scope: RedisScope, ParentSpanId.Length: 0 });
    }

    [Fact]
    public async Task AnEventPublishedOutsideAnyTrace_StartsItsOwnTraceAtTheProducer()
    {
        await using var mesh = await TraceMesh.StartAsync("grpc");
        string callTrace;
        using (var root = TestSource.StartActivity("test client"))
        using (var channel = GrpcChannel.ForAddress(mesh.Beta.Address))
        {
            await new Relay.RelayClient(channel).PublishDetachedAsync(new RelayRequest { Note = "no trace" }, WithKey()).ResponseAsync.Within();
            callTrace = ClientSpan("PublishDetached", root!.TraceId).TraceId.ToHexString();
        }

        var collected = await mesh.WaitForSpansAsync(all =>
            all.Count(s => s.TraceId != callTrace && s is { Kind: Consumer, Name: Process }) == 2
            && all.Any(s => s is { Kind: Producer, Name: Publish })
            && all.Any(s => s is { Scope: RedisScope, Name: "XADD" }));
        var traces = collected.Where(s => s.Name is Publish or Process).Select(s => s.TraceId).Append(callTrace).ToHashSet(StringComparer.Ordinal);
        var spans = collected.Where(s => traces.Contains(s.TraceId)).ToList();
        var tree = SpanTree.Describe(spans);

        var publish = One(spans, tree, s => s is { Service: "beta", Kind: Producer, Name: Publish });
        Assert.True(publish.TraceId != callTrace, "the detached publish joined the trace of the call that started it:\n" + tree);
        Assert.True(publish.ParentSpanId.Length == 0, "the producer span of an event published outside any trace is not a root:\n" + tree);
        var ownTrace = spans.Where(s => s.TraceId == publish.TraceId).ToList();
        AssertChild(One(ownTrace, tree, s => s is { Scope: RedisScope, Name: "XADD" }), publish.SpanId, "XADD is not a child of the producer span", tree);
        foreach (var handled in spans.Where(s => s is { Kind: Consumer, Name: Process }))
        {
            AssertChild(handled, publish.SpanId, $"{handled.Service}'s consumer span is not a child of the producer span (an orphan)", tree);
        }
    }

    private static CallOptions WithKey() => new(new Metadata { { "x-api-key", TraceHostProcess.Key } });

    // The span of the test's call whose id travels in traceparent: Grpc.Net.Client's span of the call has HttpClient's
    // span of its HTTP/2 request beneath it, and that one is what the host sees as its parent (the hosts' tracing
    // suppresses the second; this process records both). The receiver's server spans of OTLP exports are here too, and
    // so are the calls of tests running alongside: only the test's own trace is searched.
    private Activity ClientSpan(string method, ActivityTraceId trace)
    {
        var calls = _testSpans.Spans.Where(a => a.Kind == ActivityKind.Client && a.TraceId == trace && a.GetTagItem("grpc.method") as string == "/tracetest.v1.Relay/" + method).ToList();
        Assert.True(calls.Count == 1, $"expected one client span of the test's call, found {calls.Count}");
        var requests = _testSpans.Spans.Where(a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == calls[0].SpanId).ToList();
        Assert.True(requests.Count == 1, $"expected one HTTP request span beneath the test's call, found {requests.Count}");
        return requests[0];
    }

    private static CollectedSpan One(IEnumerable<CollectedSpan> spans, string tree, Func<CollectedSpan, bool> match)
    {
        var found = spans.Where(match).ToList();
        Assert.True(found.Count == 1, $"expected one matching span, found {found.Count}, in:\n{tree}");
        return found[0];
    }

    private static void AssertChild(CollectedSpan span, string parentSpanId, string problem, string tree) =>
        Assert.True(span.ParentSpanId == parentSpanId, $"{problem}:\n{tree}");
}
