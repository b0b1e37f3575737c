using System.Globalization;
using MultiCluster.TestInfrastructure;
using MultiCluster.TestInfrastructure.Otlp;

namespace Tracing.Tests;

/// <summary>
/// Two TraceHost processes, alpha and beta (each subscribed to the relay's topic, alpha's Forward reaching beta), with
/// their own PostgreSQL databases, one Redis, and an OTLP receiver in the test process that both export to.
/// </summary>
public sealed class TraceMesh : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private TraceMesh(OtlpReceiver receiver) => Receiver = receiver;

    public OtlpReceiver Receiver { get; }

    public TraceHostProcess Alpha { get; private set; } = null!;

    public TraceHostProcess Beta { get; private set; } = null!;

    /// <summary>Starts the mesh exporting over <paramref name="otlpProtocol"/> ("grpc" or "httpprotobuf").</summary>
    public static async Task<TraceMesh> StartAsync(string otlpProtocol)
    {
        var mesh = new TraceMesh(await OtlpReceiver.StartAsync(otlpProtocol));
        mesh._owned.Add(mesh.Receiver);
        try
        {
            var redis = await RedisServer.StartAsync();
            mesh._owned.Add(redis);
            var postgres = await PostgresServer.SharedAsync();
            var betaGrpcPort = FreePort.Next();
            (string, string)[] common =
            [
                ("Redis__ConnectionString", redis.ConnectionString),
                ("Messaging__Services__beta", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{betaGrpcPort}")),
                ("Relay__Next", "beta"),
                ("Telemetry__OtlpEndpoint", mesh.Receiver.Address),
                ("Telemetry__OtlpProtocol", otlpProtocol),
                // The batch exporter's default delay is 5 s; the tests wait for spans, so sooner is quicker.
                ("OTEL_BSP_SCHEDULE_DELAY", "200"),
            ];
            var alpha = TraceHostProcess.StartAsync("alpha", FreePort.Next(), [.. common, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("alpha"))]);
            var beta = TraceHostProcess.StartAsync("beta", betaGrpcPort, [.. common, ("Postgres__ConnectionString", await postgres.CreateDatabaseAsync("beta"))]);
            try
            {
                await Task.WhenAll(alpha, beta);
            }
            finally
            {
                mesh._owned.AddRange(new[] { alpha, beta }.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            (mesh.Alpha, mesh.Beta) = (await alpha, await beta);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits (bounded) until the spans collected so far satisfy <paramref name="done"/>; shows everything when they never do.</summary>
    public async Task<IReadOnlyList<CollectedSpan>> WaitForSpansAsync(Func<IReadOnlyList<CollectedSpan>, bool> done)
    {
        try
        {
            return await Eventually.ValueAsync(() => Receiver.Spans, done, "the expected spans");
        }
        catch (TimeoutException)
        {
            // Traces of one lone Npgsql span (migrations, readiness) are left out: they bury the ones that matter.
            var shown = Receiver.Spans.GroupBy(s => s.TraceId).Where(t => t.Any(s => s.Scope != "Npgsql")).SelectMany(t => t);
            throw new TimeoutException("The expected spans did not arrive. Received:\n" + SpanTree.Describe(shown) + "\nalpha:\n" + Alpha.Log + "\nbeta:\n" + Beta.Log);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
