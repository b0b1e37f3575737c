using System.Diagnostics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using MultiCluster.ServiceDefaults.Grpc;

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

    // The span's name per method ("/a.v1.S/M" without its slash), and each status code boxed once: enriching a span
    // allocates nothing of its own beyond the tags.
    private static readonly PerMethodCache<string> DisplayNames = new(fullName => fullName.TrimStart('/'));
    private static readonly object[] BoxedCodes = Enumerable.Range(0, 17).Select(code => (object)code).ToArray();

    public static void Enrich(Activity activity, HttpResponse response)
    {
        if (response.HttpContext.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is not { } method)
        {
            return;
        }

        activity.DisplayName = DisplayNames[method.FullName];
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", method.ServiceName);
        activity.SetTag("rpc.method", method.Name);
        if (activity.GetTagItem(GrpcStatusTag) is string status && int.TryParse(status, out var code))
        {
            activity.SetTag("rpc.grpc.status_code", (uint)code < BoxedCodes.Length ? BoxedCodes[code] : code);
        }
    }
}
