using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;
using ClusterHealth = MultiCluster.Contracts.V1.ClusterHealth;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>The cluster port's records as the contracts' messages; API keys never leave (only whether one is set).</summary>
internal static class ClusterAdminConversions
{
    public static ClusterConfig ToConfig(ClusterOptions options, string defaultClusterName) => new()
    {
        Name = options.Name,
        Url = options.Url.ToString(),
        ApiKeySet = !string.IsNullOrEmpty(options.ApiKey),
        Region = options.Region,
        CapacityPoints = (ulong)options.CapacityPoints,
        CapacityBytes = (ulong)options.CapacityBytes,
        IsDefault = defaultClusterName == options.Name,
        Draining = options.Draining,
    };

    public static ClusterHealth ToHealth(Clusters.ClusterHealth health, ClusterOptions options)
    {
        var message = new ClusterHealth
        {
            Cluster = Ref(options),
            Status = ToStatus(health.State),
            LatencyMs = health.Latency.TotalMilliseconds,
            ServerVersion = health.ServerVersion ?? "",
            CheckedAt = Timestamp.FromDateTimeOffset(health.CheckedAt),
        };
        message.Issues.Add(health.Issues.Select(issue => new Issue
        {
            Severity = health.State == HealthState.Down ? IssueSeverity.Error : IssueSeverity.Warning,
            Code = issue.Code,
            Message = issue.Message,
            Subject = options.Name,
        }));
        return message;
    }

    public static HealthStatus ToStatus(HealthState state) => state switch
    {
        HealthState.Healthy => HealthStatus.Healthy,
        HealthState.Degraded => HealthStatus.Degraded,
        _ => HealthStatus.Down,
    };

    public static ClusterTotals ToTotals(ClusterOptions options, ClusterStats? stats, HealthStatus health) => new()
    {
        Cluster = Ref(options),
        Health = health,
        PointCount = (ulong)(stats?.PointsCount ?? 0),
        SizeBytes = (ulong)(stats?.ApproximateBytes ?? 0),
        CollectionCount = (uint)(stats?.CollectionCount ?? 0),
        FillRatio = stats is null ? 0 : Math.Max(Ratio(stats.PointsCount, options.CapacityPoints), Ratio(stats.ApproximateBytes, options.CapacityBytes)),
    };

    // A capacity of 0 is unlimited, so it never fills.
    private static double Ratio(long used, long capacity) => capacity > 0 ? (double)used / capacity : 0;

    private static ClusterRef Ref(ClusterOptions options) => new() { Name = options.Name, Region = options.Region };
}
