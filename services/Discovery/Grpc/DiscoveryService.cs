namespace MultiCluster.Discovery.Grpc;

/// <summary>
/// The Discovery gRPC endpoint. Its capability is not built yet: every method answers UNIMPLEMENTED
/// naming itself (the generated base class's behaviour), so clients and reflection see the whole
/// contract without anything pretending to work.
/// </summary>
public sealed class DiscoveryService : MultiCluster.Contracts.V1.DiscoveryService.DiscoveryServiceBase;
