using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// One JSON object per log line on the console, each with the trace id and span id of the call it belongs to (as a
/// scope), so a log aggregator joins logs to traces without parsing text.
/// </summary>
public static class StructuredLoggingExtensions
{
    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return builder;
    }
}
