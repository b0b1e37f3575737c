namespace MultiCluster.Messaging;

/// <summary>The values of Messaging:Transport.</summary>
public static class MessagingTransports
{
    /// <summary>Redis Streams for events, the configured address for invocation: one machine, tests, CI.</summary>
    public const string Local = "local";

    /// <summary>The Dapr sidecar's publish API, app callback and gRPC proxying: Kubernetes, docker-compose.</summary>
    public const string Dapr = "dapr";
}
