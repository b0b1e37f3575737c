using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Grpc;

/// <summary>ValidateSpecialization.</summary>
public sealed partial class SpecializationService
{
    public override Task<ValidateSpecializationResponse> ValidateSpecialization(ValidateSpecializationRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => placementValidator.ValidateAsync(request.Library, request.Deep, context.CancellationToken));
}
