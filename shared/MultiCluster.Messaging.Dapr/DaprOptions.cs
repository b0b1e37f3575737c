namespace MultiCluster.Messaging.Dapr;

/// <summary>
/// The dapr transport's settings (configuration section "Messaging:Dapr"). The sidecar address and the API tokens
/// default to the environment variables the Dapr sidecar injector sets (see <see cref="DaprEnvironment"/>).
/// </summary>
public sealed record DaprOptions
{
    public const string Section = "Messaging:Dapr";

    public const int DefaultGrpcPort = 50001;

    /// <summary>The pub/sub component's name (metadata.name of the Component), used for publishing and subscribing.</summary>
    public string PubSubName { get; init; } = "pubsub";

    /// <summary>The sidecar's gRPC API: http://127.0.0.1:&lt;DAPR_GRPC_PORT&gt; unless set.</summary>
    public Uri SidecarAddress { get; init; } = new($"http://127.0.0.1:{DefaultGrpcPort}");

    /// <summary>Sent as dapr-api-token on every call to the sidecar (DAPR_API_TOKEN); the sidecar refuses calls without it when set.</summary>
    public string? ApiToken { get; init; }

    /// <summary>Required as dapr-api-token on the sidecar's calls to this app (APP_API_TOKEN); null accepts any caller.</summary>
    public string? AppApiToken { get; init; }

    /// <summary>
    /// Failed handler runs of one event in this instance before it is answered DROP (and goes to the dead-letter topic):
    /// Dapr tells the app no delivery count, so the count is this process's own.
    /// </summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Each subscription's dead-letter topic is its topic plus this suffix ("&lt;topic&gt;.dlq", as the local transport); empty for none.</summary>
    public string DeadLetterTopicSuffix { get; init; } = ".dlq";

    /// <summary>A publish the sidecar has not confirmed within this fails (DEADLINE_EXCEEDED), so a stuck sidecar cannot hang the outbox relay.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long this instance remembers a handled event id, to acknowledge redeliveries without handling them again.</summary>
    public TimeSpan ProcessedIdRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most event ids remembered at once (handled ids and failure counts each); the oldest are forgotten first.</summary>
    public int MaxTrackedEvents { get; init; } = 100_000;

    /// <summary>The dead-letter topic of a subscription, or null when dead-lettering is off.</summary>
    public string? DeadLetterTopic(string topic) => string.IsNullOrEmpty(DeadLetterTopicSuffix) ? null : topic + DeadLetterTopicSuffix;
}
