using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MultiCluster.Messaging.Dapr;

/// <summary>
/// Reads <see cref="DaprOptions"/>: the "Messaging:Dapr" section first, then the variables Dapr documents for apps
/// (DAPR_GRPC_PORT, DAPR_API_TOKEN, APP_API_TOKEN) from configuration (ASP.NET Core hosts load environment variables
/// into it) or, failing that, from the process environment.
/// </summary>
public static class DaprEnvironment
{
    public const string GrpcPortVariable = "DAPR_GRPC_PORT";
    public const string ApiTokenVariable = "DAPR_API_TOKEN";
    public const string AppApiTokenVariable = "APP_API_TOKEN";

    public static DaprOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DaprOptions.Section);
        var options = section.Get<DaprOptions>() ?? new DaprOptions();
        return options with
        {
            SidecarAddress = section[nameof(DaprOptions.SidecarAddress)] is null ? SidecarAddress(Variable(configuration, GrpcPortVariable)) : options.SidecarAddress,
            ApiToken = options.ApiToken ?? NonEmpty(Variable(configuration, ApiTokenVariable)),
            AppApiToken = options.AppApiToken ?? NonEmpty(Variable(configuration, AppApiTokenVariable)),
        };
    }

    private static Uri SidecarAddress(string? grpcPort)
    {
        if (string.IsNullOrWhiteSpace(grpcPort))
        {
            return new DaprOptions().SidecarAddress;
        }

        if (!int.TryParse(grpcPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException(
                $"{GrpcPortVariable} is '{grpcPort}': it must be the sidecar's gRPC port (1-65535, Dapr's default is {DaprOptions.DefaultGrpcPort}), or set {DaprOptions.Section}:{nameof(DaprOptions.SidecarAddress)}.");
        }

        return new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string? Variable(IConfiguration configuration, string name) => configuration[name] ?? Environment.GetEnvironmentVariable(name);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
