using OpenTelemetry.Instrumentation.StackExchangeRedis;

namespace MultiCluster.Storage.Redis;

/// <summary>
/// Which Redis commands become spans (OpenTelemetry's StackExchange.Redis instrumentation). The stream consumers poll
/// every few hundred milliseconds and the readiness probe pings, all outside any trace: a root span per poll would bury
/// the traces that matter, so only commands issued inside a trace are traced, as children of the span that sent them.
/// </summary>
public static class RedisTracing
{
    public static void Configure(StackExchangeRedisInstrumentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Filter = command => command.ParentActivity is not null;

        // The instrumentation names spans by command but writes the older attributes (db.system, db.statement) unless the
        // process opts in through OTEL_SEMCONV_STABILITY_OPT_IN; these are the current ones, which Npgsql's spans carry.
        options.Enrich = (activity, command) =>
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", command.ProfiledCommand.Command);
        };

        // Spans are made from the connection's profiling sessions by a background drain; this bounds how late they come.
        options.FlushInterval = TimeSpan.FromSeconds(1);
    }
}
