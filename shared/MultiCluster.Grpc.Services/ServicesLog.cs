using Microsoft.Extensions.Logging;

namespace MultiCluster.Grpc.Services;

/// <summary>The standard services' log events, with stable ids.</summary>
internal static partial class ServicesLog
{
    [LoggerMessage(1, LogLevel.Information, "Application stopping: every gRPC health status is now NOT_SERVING.")]
    public static partial void HealthShutDown(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Service {Service} is served but has no generated descriptor (mapped from a ServerServiceDefinition?): reflection lists it but cannot describe it.")]
    public static partial void ServiceWithoutDescriptor(ILogger logger, string service);

    [LoggerMessage(3, LogLevel.Debug, "Server reflection describes {ServiceCount} services from {FileCount} files.")]
    public static partial void ReflectionIndexBuilt(ILogger logger, int serviceCount, int fileCount);
}
