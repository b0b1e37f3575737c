using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Answers calls to services or methods this host does not serve with UNIMPLEMENTED, saying which and what it does serve.</summary>
internal static class UnimplementedCallHandler
{
    /// <summary>The end of the pipeline: a "/service/method" path nothing served gets a gRPC-shaped answer; anything else 404.</summary>
    public static RequestDelegate CreateTerminal() => http =>
    {
        var path = http.Request.Path.Value ?? "";
        var slash = path.Length > 1 ? path.IndexOf('/', 1) : -1;
        if (slash < 0 || slash == path.Length - 1 || path.IndexOf('/', slash + 1) >= 0)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var factory = http.RequestServices.GetRequiredService<ServerCallHandlerFactory>();
        if (factory.TryRejectRequest(http))
        {
            return Task.CompletedTask;
        }

        var service = path[1..slash];
        var method = path[(slash + 1)..];
        var known = KnownServices(http.RequestServices.GetRequiredService<EndpointDataSource>());
        var detail = known.Contains(service)
            ? $"Method '{method}' is not part of service '{service}'. Check the method name against the service's proto."
            : $"Service '{service}' is not served here. Served services: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
        return Task.CompletedTask;
    };

    private static HashSet<string> KnownServices(EndpointDataSource endpoints) =>
        endpoints.Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}

/// <summary>Appends the UNIMPLEMENTED terminal after everything the application configures (routing included).</summary>
internal sealed class UnimplementedStartupFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        next(app);
        Microsoft.AspNetCore.Builder.RunExtensions.Run(app, UnimplementedCallHandler.CreateTerminal());
    };
}
