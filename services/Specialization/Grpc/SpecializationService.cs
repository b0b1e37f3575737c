namespace MultiCluster.Specialization.Grpc;

/// <summary>
/// The Specialization gRPC endpoint. Its capability is not built yet: every method answers UNIMPLEMENTED
/// naming itself (the generated base class's behaviour), so clients and reflection see the whole
/// contract without anything pretending to work.
/// </summary>
public sealed class SpecializationService : MultiCluster.Contracts.V1.SpecializationService.SpecializationServiceBase;
