using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// With APP_API_TOKEN set, the sidecar sends it as dapr-api-token on every call to the app; the app callback then
/// answers only calls that carry it, so nothing but our sidecar can inject events. Compared in constant time.
/// </summary>
internal static class AppApiTokenGuard
{
    public static void ThrowIfUnauthenticated(DaprOptions options, ServerCallContext context)
    {
        if (options.AppApiToken is not { } expected)
        {
            return;
        }

        var sent = context.RequestHeaders.GetValue(DaprMetadata.ApiToken);
        if (sent is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"The app callback takes calls from its Dapr sidecar only: '{DaprMetadata.ApiToken}' is missing or wrong (APP_API_TOKEN is set)."));
        }
    }
}
