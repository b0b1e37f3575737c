using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Answers calls to services or methods this host does not serve with UNIMPLEMENTED, saying which and what it does serve.</summary>
internal static class UnimplementedCallHandler
{
    public const string Pattern = "{unimplementedService}/{unimplementedMethod}";

    public static RequestDelegate Create(IEndpointRouteBuilder endpoints) => http =>
    {
        var factory = http.RequestServices.GetRequiredService<ServerCallHandlerFactory>();
        if (factory.TryRejectRequest(http))
        {
            return Task.CompletedTask;
        }

        var service = http.GetRouteValue("unimplementedService") as string ?? "";
        var method = http.GetRouteValue("unimplementedMethod") as string ?? "";
        var known = KnownServices(endpoints);
        var detail = known.Contains(service)
            ? $"Method '{method}' is not part of service '{service}'. Check the method name against the service's proto."
            : $"Service '{service}' is not served here. Served services: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
        return Task.CompletedTask;
    };

    private static HashSet<string> KnownServices(IEndpointRouteBuilder endpoints) =>
        endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
