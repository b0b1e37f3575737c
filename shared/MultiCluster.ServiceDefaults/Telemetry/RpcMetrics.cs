using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Grpc.Core;
using MultiCluster.ServiceDefaults.Grpc;

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
    private readonly PerMethodCache<MethodTags> _methods = new(TagsOf);

    public RpcMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName, "1.0.0");
        _calls = meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls this server finished, by method and status.");
        _duration = meter.CreateHistogram("rpc.server.duration", "s", "Time from the start of a gRPC call to its status, by method and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _active = meter.CreateUpDownCounter<long>("rpc.server.active_calls", "{call}", "gRPC calls in flight on this server.");
    }

    /// <summary>
    /// Measures one call: started now, ended when the task <paramref name="start"/> returns ends. A call that completed
    /// synchronously (most unary calls) is ended on the spot and its task handed back as is: no state machine, no second
    /// task; <paramref name="start"/> gets <paramref name="state"/>, so a static lambda needs no closure.
    /// </summary>
    public Task<T> Track<TState, T>(ServerCallContext context, TState state, Func<TState, Task<T>> start)
    {
        var (measured, call) = Start(context, state, start);
        return EndIfCompleted(call, measured, context) ? call : EndWhenDone(call, measured, context);
    }

    /// <summary>The same for a call without a result (server streaming, duplex).</summary>
    public Task Track<TState>(ServerCallContext context, TState state, Func<TState, Task> start)
    {
        var (measured, call) = Start(context, state, start);
        return EndIfCompleted(call, measured, context) ? call : EndWhenDone(call, measured, context);
    }

    internal static string StatusName(StatusCode code) => StatusNames.TryGetValue(code, out var name) ? name : code.ToString();

    private (Measured Measured, TTask Call) Start<TState, TTask>(ServerCallContext context, TState state, Func<TState, TTask> start)
        where TTask : Task
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        var measured = Begin(context);
        try
        {
            return (measured, start(state));
        }
        catch (Exception e)
        {
            End(measured, StatusOf(e, context));
            throw;
        }
    }

    private bool EndIfCompleted(Task call, Measured measured, ServerCallContext context)
    {
        if (!call.IsCompletedSuccessfully)
        {
            return false;
        }

        End(measured, context.Status.StatusCode);
        return true;
    }

    private async Task<T> EndWhenDone<T>(Task<T> call, Measured measured, ServerCallContext context)
    {
        try
        {
            var result = await call.ConfigureAwait(false);
            End(measured, context.Status.StatusCode);
            return result;
        }
        catch (Exception e)
        {
            End(measured, StatusOf(e, context));
            throw;
        }
    }

    private async Task EndWhenDone(Task call, Measured measured, ServerCallContext context)
    {
        try
        {
            await call.ConfigureAwait(false);
            End(measured, context.Status.StatusCode);
        }
        catch (Exception e)
        {
            End(measured, StatusOf(e, context));
            throw;
        }
    }

    private Measured Begin(ServerCallContext context)
    {
        var method = _methods[context.Method];
        _active.Add(1, method.Service, method.Method);
        return new Measured(method, Stopwatch.GetTimestamp());
    }

    private void End(Measured measured, StatusCode code)
    {
        var (service, method) = measured.Method;
        _active.Add(-1, service, method);
        var status = new KeyValuePair<string, object?>("rpc.grpc.status", StatusName(code));
        _calls.Add(1, service, method, status);
        _duration.Record(Stopwatch.GetElapsedTime(measured.Started).TotalSeconds, service, method, status);
    }

    // "/library.v1.DiscoveryService/GetDomainMap" as the rpc.service and rpc.method tags.
    private static MethodTags TagsOf(string fullName)
    {
        var method = fullName.TrimStart('/');
        var slash = method.LastIndexOf('/');
        return new MethodTags(new("rpc.service", slash > 0 ? method[..slash] : method), new("rpc.method", method[(slash + 1)..]));
    }

    private static StatusCode StatusOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private sealed record MethodTags(KeyValuePair<string, object?> Service, KeyValuePair<string, object?> Method);

    private readonly record struct Measured(MethodTags Method, long Started);

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex UpperSnake();
}
