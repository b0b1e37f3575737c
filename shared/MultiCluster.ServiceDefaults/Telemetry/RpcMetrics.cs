using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Grpc.Core;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// The server's RPC instruments: calls and their duration by service, method and status, and calls in flight.
/// Exported as rpc_server_calls_total, rpc_server_duration_seconds (histogram) and rpc_server_active_calls.
/// </summary>
public sealed partial class RpcMetrics
{
    public const string MeterName = MetricsExtensions.MeterPrefix + "Rpc";

    private static readonly FrozenDictionary<StatusCode, string> StatusNames = Enum.GetValues<StatusCode>()
        .ToFrozenDictionary(code => code, code => UpperSnake().Replace(code.ToString(), "$1_$2").ToUpperInvariant());

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _active;

    public RpcMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName, "1.0.0");
        _calls = meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls this server finished, by method and status.");
        _duration = meter.CreateHistogram("rpc.server.duration", "s", "Time from the start of a gRPC call to its status, by method and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _active = meter.CreateUpDownCounter<long>("rpc.server.active_calls", "{call}", "gRPC calls in flight on this server.");
    }

    /// <summary>Measures one call from here to its end.</summary>
    public async Task<T> TrackAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        var (tags, started) = Begin(context);
        try
        {
            var result = await call();
            End(tags, started, context.Status.StatusCode);
            return result;
        }
        catch (Exception e)
        {
            End(tags, started, StatusOf(e, context));
            throw;
        }
    }

    public Task TrackAsync(ServerCallContext context, Func<Task> call) =>
        TrackAsync(context, async () =>
        {
            await call();
            return true;
        });

    internal static string StatusName(StatusCode code) => StatusNames.TryGetValue(code, out var name) ? name : code.ToString();

    private (TagList Tags, long Started) Begin(ServerCallContext context)
    {
        var method = context.Method.TrimStart('/');
        var slash = method.LastIndexOf('/');
        var tags = new TagList
        {
            { "rpc.service", slash > 0 ? method[..slash] : method },
            { "rpc.method", method[(slash + 1)..] },
        };
        _active.Add(1, tags);
        return (tags, Stopwatch.GetTimestamp());
    }

    private void End(TagList tags, long started, StatusCode code)
    {
        _active.Add(-1, tags);
        tags.Add("rpc.grpc.status", StatusName(code));
        _calls.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    private static StatusCode StatusOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex UpperSnake();
}
