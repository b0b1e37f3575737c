using Grpc.Core;
using MultiCluster.Messaging.Dapr.Sidecar;

namespace MultiCluster.Messaging.Dapr.Invocation;

/// <summary>
/// Service invocation through the sidecar's gRPC proxying: the call goes to the local sidecar with dapr-app-id
/// metadata, and Dapr forwards it (mTLS, retries, resiliency policies) to an instance of that app, which sees the same
/// method path and messages as a direct call.
/// </summary>
internal sealed class DaprServiceInvoker(DaprSidecar sidecar) : IServiceInvoker
{
    public CallInvoker CreateCallInvoker(string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        return sidecar.CreateCallInvoker(appId);
    }
}
