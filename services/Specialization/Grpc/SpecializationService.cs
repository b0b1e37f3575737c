using MultiCluster.Specialization.Migrating;

namespace MultiCluster.Specialization.Grpc;

/// <summary>
/// The Specialization gRPC endpoint: validates requests, calls the logic classes and maps their refusals
/// (<see cref="RpcErrors"/>). Split by area over partial files; a method not built yet answers UNIMPLEMENTED naming
/// itself (the generated base class's behaviour).
/// </summary>
public sealed partial class SpecializationService(MigrationCoordinator migrations) : MultiCluster.Contracts.V1.SpecializationService.SpecializationServiceBase;
