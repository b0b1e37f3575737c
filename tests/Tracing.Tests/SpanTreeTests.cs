using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Tracing.Tests.Otlp;
using Xunit;

namespace Tracing.Tests;

/// <summary>
/// One client call through two hosts and one event is one trace: client → alpha (gRPC server) → alpha's call to beta
/// → beta (gRPC server) → its PostgreSQL command and its event (producer, Redis XADD) → alpha's handling of the event
/// (consumer). Parent links cross processes through gRPC metadata and the event's traceparent. Auth is on: alpha
/// reaches beta with its outgoing service key.
/// </summary>
public sealed class SpanTreeTests : IAsyncLifetime, IDisposable
{
    private const int Server = 2, Client = 3, Producer = 4, Consumer = 5;
    private const string Topic = "trace-test.routing-changed";

    private static readonly ActivitySource TestSource = new("Tracing.Tests");

    private readonly List<Activity> _testSpans = [];
    private ActivityListener? _listener;
    private OtlpReceiver _receiver = null!;
    private RedisServer _redis = null!;
    private TraceHostProcess _alpha = null!;
    private TraceHostProcess _beta = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Tracing.Tests" or "MultiCluster.Grpc",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_testSpans) { _testSpans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(_listener);
        _receiver = await OtlpReceiver.StartAsync();
        _redis = await RedisServer.StartAsync();
        var postgres = await PostgresServer.SharedAsync();
        var betaGrpcPort = FreePort.Next();
        (string, string)[] common =
        [
            ("Redis__ConnectionString", _redis.ConnectionString),
            ("Messaging__Services__beta", $"http://127.0.0.1:{betaGrpcPort}"),
            ("Telemetry__OtlpEndpoint", _receiver.Address),
            ("Telemetry__OtlpProtocol", "httpprotobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ];
        var starting = new[]
        {
            TraceHostProcess.StartAsync("alpha", FreePort.Next(), [.. common, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("alpha"))]),
            TraceHostProcess.StartAsync("beta", betaGrpcPort, [.. common, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("beta"))]),
        };
        (_alpha, _beta) = (await starting[0], await starting[1]);
    }

    public async Task DisposeAsync()
    {
        await _alpha.DisposeAsync();
        await _beta.DisposeAsync();
        await _redis.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _listener?.Dispose();

    [Fact]
    public async Task OneCallThroughTwoHostsAndAnEvent_IsOneTreeOfOneTrace()
    {
        string traceId;
        using (var root = TestSource.StartActivity("test client"))
        {
            traceId = root!.TraceId.ToHexString();
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_alpha.GrpcPort}");
            await new OrchestratorService.OrchestratorServiceClient(channel).SearchAsync(new SearchRequest { Library = "docs" }, new Grpc.Core.Metadata { { "x-api-key", TraceHostProcess.ServiceKey } }).ResponseAsync.Within();
        }

        var spans = await WaitForSpansAsync(traceId, s => s.Service == "alpha" && s.Kind == Consumer && s.Name == $"{Topic} process");
        var tree = Describe(spans);

        var clientCall = Single(_testSpans, s => s.Source.Name == "MultiCluster.Grpc" && s.TraceId.ToHexString() == traceId, tree);
        var alphaServer = One(spans, s => s.Service == "alpha" && s.Kind == Server && s.Name == "library.v1.OrchestratorService/Search", tree);
        var alphaToBeta = One(spans, s => s.Service == "alpha" && s.Kind == Client && s.Name == "library.v1.SpecializationService/GetRoutingTable", tree);
        var betaServer = One(spans, s => s.Service == "beta" && s.Kind == Server && s.Name == "library.v1.SpecializationService/GetRoutingTable", tree);
        var sql = One(spans, s => s.Service == "beta" && s.Scope == "Npgsql" && !s.Name.StartsWith("CONNECT", StringComparison.Ordinal) && s.ParentSpanId == betaServer.SpanId, tree);
        var publish = One(spans, s => s.Service == "beta" && s.Kind == Producer && s.Name == $"{Topic} publish", tree);
        var xadd = One(spans, s => s.Service == "beta" && s.Scope == "MultiCluster.Redis" && s.Name == "XADD", tree);
        var handled = One(spans, s => s.Service == "alpha" && s.Kind == Consumer && s.Name == $"{Topic} process", tree);

        Assert.True(alphaServer.ParentSpanId == clientCall.SpanId.ToHexString(), "alpha's server span is not a child of the client's call:\n" + tree);
        Assert.True(alphaToBeta.ParentSpanId == alphaServer.SpanId, "alpha's call to beta is not a child of its server span:\n" + tree);
        Assert.True(betaServer.ParentSpanId == alphaToBeta.SpanId, "beta's server span is not a child of alpha's call:\n" + tree);
        Assert.True(publish.ParentSpanId == betaServer.SpanId, "the event's producer span is not a child of beta's server span:\n" + tree);
        Assert.True(xadd.ParentSpanId == publish.SpanId, "XADD is not a child of the producer span:\n" + tree);
        Assert.True(handled.ParentSpanId == publish.SpanId, "alpha's consumer span is not a child of the producer span:\n" + tree);
        Assert.NotNull(sql);
        var known = spans.Select(s => s.SpanId).Append(clientCall.SpanId.ToHexString()).ToHashSet();
        Assert.True(spans.All(s => known.Contains(s.ParentSpanId)), "a span of the trace hangs off a span nobody exported:\n" + tree);
    }

    private async Task<List<CollectedSpan>> WaitForSpansAsync(string traceId, Func<CollectedSpan, bool> last) =>
        await WaitForAsync(() => _receiver.Spans.Where(s => s.TraceId == traceId).ToList(), spans => spans.Any(last));

    private async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The expected spans did not arrive. Received:\n" + Describe(_receiver.Spans) + "\nalpha:\n" + _alpha.Log + "\nbeta:\n" + _beta.Log);
    }

    private static CollectedSpan One(IEnumerable<CollectedSpan> spans, Func<CollectedSpan, bool> match, string tree)
    {
        var found = spans.Where(match).ToList();
        Assert.True(found.Count == 1, $"expected one matching span, found {found.Count}, in:\n{tree}");
        return found[0];
    }

    private Activity Single(IEnumerable<Activity> activities, Func<Activity, bool> match, string tree)
    {
        lock (_testSpans)
        {
            var found = activities.Where(match).ToList();
            Assert.True(found.Count == 1, $"expected one client call span in the test, found {found.Count}; exported:\n{tree}");
            return found[0];
        }
    }

    private static string Describe(IEnumerable<CollectedSpan> spans) =>
        string.Join("\n", spans.OrderBy(s => s.TraceId, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.TraceId[..8]} {s}")));
}
