namespace MultiCluster.Messaging.Local;

/// <summary>
/// The local transport's delivery settings (configuration section "Messaging:Redis"; the server is "Redis").
/// One stream per topic (key = topic name), one consumer group per subscribing service.
/// </summary>
public sealed record RedisStreamsOptions
{
    public const string Section = "Messaging:Redis";

    /// <summary>This instance's consumer name within its group; unique per process by default.</summary>
    public string ConsumerName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24];

    /// <summary>
    /// An event delivered and not acknowledged for this long is taken over by another consumer of the group (XAUTOCLAIM):
    /// the consumer is presumed dead, or its handler failed. It is also the retry delay after a failure, and a handler
    /// should finish well within it (a slower one may see its event handed to another instance meanwhile).
    /// </summary>
    public TimeSpan ClaimIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each consumer looks for such events.</summary>
    public TimeSpan ClaimInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries of one event before it goes to the dead-letter stream "&lt;topic&gt;.dlq" with its last error.</summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Entries read per poll.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Polling backs off from this while a topic is idle...</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>...to this, the most an idle consumer waits before it sees a new event.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the group remembers a handled event id (Redis key with TTL); redeliveries after that run the handler again.</summary>
    public TimeSpan ProcessedIdRetention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Trims each stream to about this many entries (XADD MAXLEN ~); null keeps every entry.</summary>
    public long? MaxStreamLength { get; init; }

    /// <summary>Prefix of the keys the transport keeps besides the streams (processed ids).</summary>
    public string KeyPrefix { get; init; } = "mc:";
}
