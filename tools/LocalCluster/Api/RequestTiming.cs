using System.Diagnostics;

namespace MultiCluster.LocalCluster.Api;

/// <summary>When a request started, so every response can carry Qdrant's "time" (seconds spent).</summary>
public static class RequestTiming
{
    private static readonly object Key = new();

    public static void Start(HttpContext context) => context.Items[Key] = Stopwatch.GetTimestamp();

    public static double Seconds(HttpContext context) =>
        context.Items.TryGetValue(Key, out var start) && start is long timestamp
            ? Stopwatch.GetElapsedTime(timestamp).TotalSeconds
            : 0;
}
