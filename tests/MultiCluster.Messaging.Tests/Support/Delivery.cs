using MultiCluster.Messaging.Local;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>Delivery settings scaled down so redelivery and dead-lettering happen within a test's patience.</summary>
internal static class Delivery
{
    public static readonly TimeSpan ClaimIdleTimeout = TimeSpan.FromMilliseconds(400);

    public const int MaxDeliveries = 3;

    public static RedisStreamsOptions Fast(string? consumer = null) => new()
    {
        ConsumerName = consumer ?? "c-" + Guid.NewGuid().ToString("N")[..8],
        ClaimIdleTimeout = ClaimIdleTimeout,
        ClaimInterval = TimeSpan.FromMilliseconds(50),
        MaxDeliveries = MaxDeliveries,
        MinPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(25),
    };

    public static string NewTopic() => "topic-" + Guid.NewGuid().ToString("N")[..12];
}
