namespace MultiCluster.Messaging.Outbox;

/// <summary>The outbox relay's pace (configuration section "Messaging:Outbox").</summary>
public sealed record OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>How often the relay looks for committed events while the outbox is empty.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Events published per round (one transaction).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Sent rows are deleted after this long.</summary>
    public TimeSpan SentRetention { get; init; } = TimeSpan.FromDays(7);
}
