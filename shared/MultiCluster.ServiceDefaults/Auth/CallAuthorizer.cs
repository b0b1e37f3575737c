using System.Collections.Frozen;
using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using MultiCluster.ServiceDefaults.Grpc;

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

    private static readonly FrozenDictionary<Role, string> RoleNames = Enum.GetValues<Role>().ToFrozenDictionary(role => role, role => role.ToString().ToLowerInvariant());

    // Derived from the method's name once per method, not once per call.
    private readonly PerMethodCache<Role?> _required = new(MethodRoles.Required);

    /// <summary>
    /// The caller when the call may proceed (null for open methods); throws UNAUTHENTICATED or PERMISSION_DENIED. The
    /// key is read from the request's HTTP headers (the call's Metadata would be built from all of them for one), and
    /// the peer is formatted only for a refusal's log line.
    /// </summary>
    public CallerIdentity? Authorize(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Method;
        if (_required[method] is not { } required)
        {
            return null;
        }

        var headers = context.GetHttpContext().Request.Headers;
        if (PresentedKey(headers[ApiKeyHeader], headers[AuthorizationHeader]) is not { } presented)
        {
            ServiceDefaultsLog.CallWithoutKey(logger, method, context.Peer);
            throw new RpcException(new Status(StatusCode.Unauthenticated, MissingKeyMessage));
        }

        if (keys.Find(presented) is not { } caller)
        {
            ServiceDefaultsLog.CallWithUnknownKey(logger, method, context.Peer);
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

    public static string Name(Role role) => RoleNames.TryGetValue(role, out var name) ? name : role.ToString().ToLowerInvariant();

    // A header sent twice reads as both values joined by a comma, which matches no key.
    private static string? PresentedKey(StringValues apiKey, StringValues authorizationHeader)
    {
        if (apiKey.ToString() is { Length: > 0 } key)
        {
            return key.Trim();
        }

        var authorization = authorizationHeader.ToString();
        return authorization.Length > 0
            && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && authorization[BearerPrefix.Length..].Trim() is { Length: > 0 } bearer
                ? bearer
                : null;
    }
}
