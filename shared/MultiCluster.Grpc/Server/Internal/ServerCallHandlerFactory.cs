using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>What every call handler shares: options, logging, request validation and the interceptor chain.</summary>
internal sealed class ServerCallHandlerFactory(IOptions<GrpcServiceOptions> options, ILoggerFactory loggerFactory)
{
    public GrpcServiceOptions Options { get; } = options.Value;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("Grpc.AspNetCore.Server");

    /// <summary>
    /// Interceptors for one call, outermost first. Takes the HttpContext rather than its services: reading
    /// RequestServices creates a DI scope per call, which a host without interceptors should not pay for.
    /// </summary>
    public Interceptor[] CreateInterceptors(HttpContext http)
    {
        if (Options.Interceptors.Count == 0)
        {
            return [];
        }

        var services = http.RequestServices;

        var interceptors = new Interceptor[Options.Interceptors.Count];
        for (var i = 0; i < interceptors.Length; i++)
        {
            var registration = Options.Interceptors[i];
            interceptors[i] = registration.Instance
                ?? (registration.Arguments.Length == 0
                    ? (Interceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, registration.Type)
                    : (Interceptor)ActivatorUtilities.CreateInstance(services, registration.Type, registration.Arguments));
        }

        return interceptors;
    }

    /// <summary>
    /// Refuses what is not a gRPC request before any handler runs: not HTTP/2 (426) or not application/grpc (415),
    /// as the protocol asks, with a gRPC status too so gRPC clients can read it.
    /// </summary>
    public bool TryRejectRequest(HttpContext http)
    {
        var request = http.Request;
        string? reason = null;
        var httpStatus = StatusCodes.Status200OK;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            reason = $"Request protocol '{request.Protocol}' is not supported: gRPC needs HTTP/2. Use an HTTP/2 (h2c or TLS) client.";
            httpStatus = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
        }
        else if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            reason = $"Content-Type '{request.ContentType}' is not supported: gRPC requests use application/grpc (or application/grpc+proto).";
            httpStatus = StatusCodes.Status415UnsupportedMediaType;
        }
        else if (!HttpMethods.IsPost(request.Method))
        {
            reason = $"HTTP method {request.Method} is not supported: gRPC calls are POST.";
            httpStatus = StatusCodes.Status405MethodNotAllowed;
        }

        if (reason is null)
        {
            return false;
        }

        ServerLog.RequestRejected(Logger, request.Path, reason);
        http.Response.StatusCode = httpStatus;
        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(reason);
        return true;
    }
}
