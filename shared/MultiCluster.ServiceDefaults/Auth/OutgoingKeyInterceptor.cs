using MultiCluster.Messaging.Invocation;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>Presents this service's key (Auth:OutgoingKey) on every call it makes to another service; nothing when unset.</summary>
public sealed class OutgoingKeyInterceptor(AuthOptions options) : OutgoingHeadersInterceptor
{
    private readonly KeyValuePair<string, string>[] _headers = options.OutgoingKey is { Length: > 0 } key ? [new(CallAuthorizer.ApiKeyHeader, key)] : [];

    protected override IReadOnlyList<KeyValuePair<string, string>> Headers(bool streaming) => _headers;
}
