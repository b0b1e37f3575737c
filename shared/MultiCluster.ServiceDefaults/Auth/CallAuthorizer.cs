using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>
/// Decides one call: finds the API key in its metadata (x-api-key, or authorization: Bearer), checks it against the
/// store and the method's role from <see cref="MethodRoles"/>. Refusals are RpcExceptions a client can act on;
/// neither they nor the log ever carry a presented key.
/// </summary>
public sealed class CallAuthorizer(ApiKeyStore keys, ILogger<CallAuthorizer> logger)
{
    public const string ApiKeyHeader = "x-api-key";
    public const string AuthorizationHeader = "authorization";
    public const string MissingKeyMessage = "call needs an API key in x-api-key or authorization: Bearer";

    private const string BearerPrefix = "Bearer ";

    /// <summary>The caller when the call may proceed (null for open methods); throws UNAUTHENTICATED or PERMISSION_DENIED.</summary>
    public CallerIdentity? Authorize(string method, Metadata headers, string peer)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (MethodRoles.Required(method) is not { } required)
        {
            return null;
        }

        if (PresentedKey(headers) is not { } presented)
        {
            ServiceDefaultsLog.CallWithoutKey(logger, method, peer);
            throw new RpcException(new Status(StatusCode.Unauthenticated, MissingKeyMessage));
        }

        if (keys.Find(presented) is not { } caller)
        {
            ServiceDefaultsLog.CallWithUnknownKey(logger, method, peer);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "API key not recognised: check the key this client is configured with."));
        }

        if (!caller.Has(required))
        {
            ServiceDefaultsLog.CallWithoutRole(logger, method, caller.Name, caller.Role, required);
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{method.TrimStart('/')} needs role '{Name(required)}'; the API key '{caller.Name}' has role '{Name(caller.Role)}'."));
        }

        Activity.Current?.SetTag("enduser.id", caller.Name);
        Activity.Current?.SetTag("enduser.role", Name(caller.Role));
        return caller;
    }

    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    private static string? PresentedKey(Metadata headers)
    {
        if (headers.GetValue(ApiKeyHeader) is { Length: > 0 } key)
        {
            return key.Trim();
        }

        var authorization = headers.GetValue(AuthorizationHeader);
        return authorization is not null
            && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && authorization[BearerPrefix.Length..].Trim() is { Length: > 0 } bearer
                ? bearer
                : null;
    }
}
