using Microsoft.Extensions.Logging;
using MultiCluster.ServiceDefaults.Auth;

namespace MultiCluster.ServiceDefaults;

/// <summary>The service defaults' log events, with stable ids. None carries a secret: keys are named, never shown.</summary>
internal static partial class ServiceDefaultsLog
{
    [LoggerMessage(1, LogLevel.Warning, "AUTHENTICATION IS DISABLED (Auth:Enabled=false): any caller may call every gRPC method without a key. This is for a developer machine only; anywhere else set Auth__Keys__N__Name/Role/Key and remove Auth:Enabled=false.")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "API-key authentication is on with {KeyCount} keys: {Callers}.")]
    public static partial void AuthEnabled(ILogger logger, int keyCount, string callers);

    [LoggerMessage(3, LogLevel.Information, "Refused {Method} from {Peer}: no API key.")]
    public static partial void CallWithoutKey(ILogger logger, string method, string peer);

    [LoggerMessage(4, LogLevel.Warning, "Refused {Method} from {Peer}: the API key is not one of the configured keys.")]
    public static partial void CallWithUnknownKey(ILogger logger, string method, string peer);

    [LoggerMessage(5, LogLevel.Warning, "Refused {Method} to {Caller}: its role {Role} does not cover the {Required} role the method needs.")]
    public static partial void CallWithoutRole(ILogger logger, string method, string caller, Role role, Role required);

    [LoggerMessage(6, LogLevel.Information, "{Service} serves gRPC at {GrpcAddress} and /healthz, /readyz, /metrics at {HttpAddress}.")]
    public static partial void Listening(ILogger logger, string service, string grpcAddress, string httpAddress);

    [LoggerMessage(7, LogLevel.Information, "Readiness changed: ready={Ready} ({Detail}); gRPC health of the server and its services follows.")]
    public static partial void ReadinessChanged(ILogger logger, bool ready, string detail);

    [LoggerMessage(8, LogLevel.Information, "Stopping: health is NOT_SERVING; taking calls for {DrainDelay} more, then in-flight calls get up to {ShutdownTimeout} to finish.")]
    public static partial void Draining(ILogger logger, TimeSpan drainDelay, TimeSpan shutdownTimeout);

    [LoggerMessage(9, LogLevel.Information, "Traces and metrics are exported over OTLP ({Protocol}) to {Endpoint}.")]
    public static partial void OtlpExport(ILogger logger, string protocol, Uri endpoint);

    [LoggerMessage(10, LogLevel.Information, "No OTLP endpoint (Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT): traces are not exported; metrics are served at /metrics.")]
    public static partial void NoOtlpExport(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "Configuration files read, lowest precedence first, environment variables above them: {Files}.")]
    public static partial void ConfigurationFiles(ILogger logger, string files);

    [LoggerMessage(12, LogLevel.Warning, "Readiness check {Check} is {Status}: {Description}")]
    public static partial void ReadinessCheckFailed(ILogger logger, string check, string status, string? description, Exception? exception);
}
