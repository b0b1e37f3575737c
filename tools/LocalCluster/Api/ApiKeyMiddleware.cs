using System.Security.Cryptography;
using System.Text;

namespace MultiCluster.LocalCluster.Api;

/// <summary>
/// With an API key configured, every request must carry it in the <c>api-key</c> header or as
/// <c>Authorization: Bearer</c>, except the probes and the version root (Qdrant's own whitelist:
/// /, /healthz, /livez, /readyz). Answers 401 with Qdrant's messages otherwise.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, string apiKey)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(apiKey);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/" or "/healthz" || path.StartsWith("/livez", StringComparison.Ordinal) || path.StartsWith("/readyz", StringComparison.Ordinal))
        {
            return next(context);
        }

        var presented = Presented(context.Request.Headers);
        if (presented is null)
        {
            return QdrantResult.Error(StatusCodes.Status401Unauthorized, "Must provide an API key or an Authorization bearer token").ExecuteAsync(context);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected))
        {
            return QdrantResult.Error(StatusCodes.Status401Unauthorized, "Invalid API key or JWT").ExecuteAsync(context);
        }

        return next(context);
    }

    private static string? Presented(IHeaderDictionary headers)
    {
        if (headers.TryGetValue("api-key", out var key) && key.Count > 0)
        {
            return key.ToString();
        }

        var authorization = headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
    }
}
