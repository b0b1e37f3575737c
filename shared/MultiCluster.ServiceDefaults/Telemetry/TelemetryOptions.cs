using System.ComponentModel.DataAnnotations;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>Traces and metrics (configuration section "Telemetry").</summary>
public sealed record TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The standard variable read when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Where traces and metrics go over OTLP (a collector, Jaeger: http://jaeger:4317); none: not exported.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>grpc (port 4317) or httpprotobuf (port 4318).</summary>
    public OtlpTransport OtlpProtocol { get; init; } = OtlpTransport.Grpc;

    /// <summary>Share of new traces recorded (a caller's sampling decision is followed).</summary>
    [Range(0.0, 1.0, ErrorMessage = "must be a number from 0 to 1, such as 0.25")]
    public double TraceSampleRatio { get; init; } = 1.0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } uri && !IsHttpUri(uri))
        {
            yield return new ValidationResult($"must be an absolute http(s) URI such as http://127.0.0.1:4317 (got '{uri}')", [nameof(OtlpEndpoint)]);
        }
    }

    internal static bool IsHttpUri(Uri uri) => uri.IsAbsoluteUri && uri.Scheme is "http" or "https";
}
