using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Auth;

namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Three methods of Discovery: GetDomainMap (reader; held by <see cref="CallGate"/> when a test closes it),
/// AnalyzeDomains (admin), and ValidateDomainMapping, which refuses every request quoting all of its library.
/// </summary>
public sealed class TestDiscoveryService(CallGate gate) : DiscoveryService.DiscoveryServiceBase
{
    public override async Task<GetDomainMapResponse> GetDomainMap(GetDomainMapRequest request, ServerCallContext context)
    {
        await gate.PassAsync(context.CancellationToken);
        return new GetDomainMapResponse { Map = new DomainMap { Library = context.GetCaller()?.Name ?? "anonymous" } };
    }

    public override Task<AnalyzeDomainsResponse> AnalyzeDomains(AnalyzeDomainsRequest request, ServerCallContext context) =>
        Task.FromResult(new AnalyzeDomainsResponse { OperationId = "op-1" });

    public override Task<ValidateDomainMappingResponse> ValidateDomainMapping(ValidateDomainMappingRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.InvalidArgument, $"library: '{request.Library}' is not a library"));
}

/// <summary>Specialization's MigrateToSpecialization: a service-to-service method.</summary>
public sealed class TestSpecializationService : SpecializationService.SpecializationServiceBase
{
    public override Task<MigrateToSpecializationResponse> MigrateToSpecialization(MigrateToSpecializationRequest request, ServerCallContext context) =>
        Task.FromResult(new MigrateToSpecializationResponse { OperationId = "migration-1" });
}
