using System.Diagnostics;

namespace Grpc.Core;

/// <summary>
/// One Activity per call, named and tagged per the OpenTelemetry RPC conventions ("package.Service/Method",
/// rpc.system=grpc), linked across processes by the W3C traceparent header.
/// </summary>
public static class GrpcDiagnostics
{
    public const string ActivitySourceName = "MultiCluster.Grpc";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName, "1.0.0");

    internal static Activity? StartServerActivity(IMethod method, string? traceparent, string? tracestate)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        // The caller's span is the parent, even when ASP.NET Core has made its own request activity current: that one
        // is exported only if someone listens to Microsoft.AspNetCore, and a server span hanging off an activity
        // nobody exported breaks the tree across processes. Without a traceparent, nest under whatever is current.
        ActivityContext parent = default;
        if (traceparent is not null)
        {
            ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out parent);
        }

        var activity = ActivitySource.StartActivity(SpanName(method), ActivityKind.Server, parent);
        return Tag(activity, method);
    }

    internal static Activity? StartClientActivity(IMethod method) =>
        Tag(ActivitySource.StartActivity(SpanName(method), ActivityKind.Client), method);

    /// <summary>The traceparent to send: the call's own span, or whatever span is current.</summary>
    internal static string? TraceParent(Activity? activity)
    {
        var current = activity ?? Activity.Current;
        return current is { IdFormat: ActivityIdFormat.W3C } ? current.Id : null;
    }

    internal static void SetStatus(Activity? activity, Status status, bool isServer)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", (int)status.StatusCode);
        if (IsError(status.StatusCode, isServer))
        {
            activity.SetStatus(ActivityStatusCode.Error, status.Detail);
        }
    }

    private static Activity? Tag(Activity? activity, IMethod method)
    {
        activity?.SetTag("rpc.system", "grpc");
        activity?.SetTag("rpc.service", method.ServiceName);
        activity?.SetTag("rpc.method", method.Name);
        return activity;
    }

    private static string SpanName(IMethod method) => method.FullName[1..];

    // Per the conventions, a server span is an error only for codes that mean the server failed.
    private static bool IsError(StatusCode code, bool isServer) => isServer
        ? code is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss
        : code != StatusCode.OK;
}
