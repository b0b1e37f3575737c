using Grpc.Core;

namespace MultiCluster.TestInfrastructure.Otlp;

/// <summary>OTLP/gRPC's trace export, served on Grpc.AspNetCore: what a collector answers on port 4317.</summary>
public sealed class OtlpTraceService(Action<ExportTraceServiceRequest> received) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        received(request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}
