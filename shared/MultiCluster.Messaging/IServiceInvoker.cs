using Grpc.Core;

namespace MultiCluster.Messaging;

/// <summary>
/// Reaches another service's gRPC API by its app id ("discovery", "specialization", ...). Locally the call goes
/// straight to the configured address; through Dapr it goes to the sidecar with dapr-app-id metadata. Generated
/// clients take the result: <c>new DiscoveryService.DiscoveryServiceClient(invoker.CreateCallInvoker("discovery"))</c>.
/// </summary>
public interface IServiceInvoker
{
    CallInvoker CreateCallInvoker(string appId);
}
