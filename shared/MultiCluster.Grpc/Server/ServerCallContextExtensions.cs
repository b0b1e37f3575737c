using Grpc.AspNetCore.Server.Internal;
using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

/// <summary>Reaches the ASP.NET Core request behind a call, for what gRPC itself does not expose.</summary>
public static class ServerCallContextExtensions
{
    public static HttpContext GetHttpContext(this ServerCallContext context) =>
        context is HttpContextServerCallContext http
            ? http.HttpContext
            : throw new InvalidOperationException($"This call context ({context.GetType().Name}) is not served over ASP.NET Core.");
}
