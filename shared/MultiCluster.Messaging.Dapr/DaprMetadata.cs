namespace MultiCluster.Messaging.Dapr;

/// <summary>The gRPC metadata keys of Dapr's API.</summary>
public static class DaprMetadata
{
    /// <summary>On a call to the sidecar: proxy it to this app id (service invocation through gRPC proxying). Dapr removes it before forwarding.</summary>
    public const string AppId = "dapr-app-id";

    /// <summary>The API token: app to sidecar (DAPR_API_TOKEN), and sidecar to app (APP_API_TOKEN).</summary>
    public const string ApiToken = "dapr-api-token";

    /// <summary>
    /// "true" on a proxied streaming call: Dapr cannot tell streams from unary calls without the protos, and without it
    /// applies resiliency timeouts and retries (with a replay buffer) to the whole stream instead of only its start.
    /// </summary>
    public const string Stream = "dapr-stream";
}
