namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>How OTLP is sent.</summary>
public enum OtlpTransport
{
    Grpc,
    HttpProtobuf,
}
