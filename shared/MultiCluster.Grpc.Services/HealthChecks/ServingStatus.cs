namespace MultiCluster.Grpc.Services.HealthChecks;

/// <summary>Whether a service takes calls, as the host reports it through grpc.health.v1.</summary>
public enum ServingStatus
{
    Serving,
    NotServing,
}
