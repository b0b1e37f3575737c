using System.ComponentModel.DataAnnotations;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>How readiness is checked (configuration section "Health").</summary>
public sealed record HealthOptions
{
    public const string Section = "Health";

    /// <summary>How often readiness checks run to keep the gRPC health statuses current.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "must be a duration from 00:00:00.010 to 00:10:00 (hh:mm:ss)")]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A readiness check that has not answered within this counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "must be a duration from 00:00:00.010 to 00:01:00 (hh:mm:ss)")]
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The default vector cluster gates readiness (true), or is only reported by HealthCheckClusters (false): for a
    /// deployment that must keep its pods in rotation, answering errors itself, while a cluster is down.
    /// </summary>
    public bool RequireClusters { get; init; } = true;
}
