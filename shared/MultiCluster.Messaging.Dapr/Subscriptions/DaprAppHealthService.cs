using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Dapr.AppCallback.Autogen.Grpc.v1;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Dapr's optional app health check (appHealthCheck with app protocol gRPC): answering means the gRPC server is up and
/// taking calls, which is what the sidecar wants to know before it delivers events.
/// </summary>
internal sealed class DaprAppHealthService(DaprOptions options) : AppCallbackHealthCheck.AppCallbackHealthCheckBase
{
    public override Task<HealthCheckResponse> HealthCheck(Empty request, ServerCallContext context)
    {
        AppApiTokenGuard.ThrowIfUnauthenticated(options, context);
        return Task.FromResult(new HealthCheckResponse());
    }
}
