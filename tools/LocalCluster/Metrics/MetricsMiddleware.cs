using System.Diagnostics;

namespace MultiCluster.LocalCluster.Metrics;

/// <summary>Counts every response by method, route template (not raw path: names stay out of labels) and status.</summary>
public sealed class MetricsMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RecordResponse(context.Request.Method, endpoint, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
