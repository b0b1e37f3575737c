using Microsoft.Extensions.Configuration;
using MultiCluster.ServiceDefaults.Auth;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>Every section the service defaults read, bound and validated together.</summary>
public sealed record ServiceSettings(ServiceEndpointOptions Endpoint, AuthOptions Auth, TelemetryOptions Telemetry, HealthOptions Health)
{
    /// <summary>Reads all sections; throws <see cref="ServiceConfigurationException"/> listing every problem.</summary>
    public static ServiceSettings Read(IConfiguration configuration)
    {
        var reader = new ServiceConfigurationReader(configuration);
        var endpoint = reader.Bind<ServiceEndpointOptions>(ServiceEndpointOptions.Section);
        var auth = reader.Bind<AuthOptions>(AuthOptions.Section);
        var telemetry = reader.Bind<TelemetryOptions>(TelemetryOptions.Section);
        var health = reader.Bind<HealthOptions>(HealthOptions.Section);
        telemetry = telemetry with { OtlpEndpoint = telemetry.OtlpEndpoint ?? StandardOtlpEndpoint(configuration, reader) };
        reader.ThrowIfInvalid();
        return new ServiceSettings(endpoint, auth, telemetry, health);
    }

    // OpenTelemetry's own variable, honoured when Telemetry:OtlpEndpoint is not set.
    private static Uri? StandardOtlpEndpoint(IConfiguration configuration, ServiceConfigurationReader reader)
    {
        if (configuration[TelemetryOptions.StandardEndpointVariable] is not { Length: > 0 } value)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && TelemetryOptions.IsHttpUri(uri))
        {
            return uri;
        }

        reader.AddProblem(TelemetryOptions.StandardEndpointVariable, $"must be an absolute http(s) URI such as http://127.0.0.1:4317 (got '{value}')");
        return null;
    }
}
