using System.Diagnostics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// Makes ASP.NET Core's span of a gRPC call read as an RPC span (OpenTelemetry's RPC conventions): named for the
/// method (library.v1.DiscoveryService/GetDomainMap, not "POST"), with rpc.system, rpc.service, rpc.method and the
/// gRPC status. The instrumentation's own gRPC support is experimental, switched on only by an environment variable.
/// </summary>
internal static class GrpcServerSpan
{
    // Grpc.AspNetCore's tag on the request's activity.
    private const string GrpcStatusTag = "grpc.status_code";

    public static void Enrich(Activity activity, HttpResponse response)
    {
        if (response.HttpContext.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is not { } method)
        {
            return;
        }

        activity.DisplayName = method.FullName.TrimStart('/');
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", method.ServiceName);
        activity.SetTag("rpc.method", method.Name);
        if (activity.GetTagItem(GrpcStatusTag) is string status && int.TryParse(status, out var code))
        {
            activity.SetTag("rpc.grpc.status_code", code);
        }
    }
}
