using Grpc.Core;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>The sidecar's DAPR_API_TOKEN: when set, Dapr refuses API calls whose dapr-api-token differs (UNAUTHENTICATED).</summary>
public sealed record FakeApiToken(string? Required)
{
    public bool Accepts(string? sent) => Required is null || sent == Required;

    public void ThrowIfRefused(string? sent)
    {
        if (!Accepts(sent))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
        }
    }
}
