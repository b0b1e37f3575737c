namespace MultiCluster.ServiceDefaults.Health;

/// <summary>Tags that put an ASP.NET Core health check on a probe.</summary>
public static class HealthTags
{
    /// <summary>On /readyz and gRPC health: the service cannot take calls while this check fails (database, Redis, broker).</summary>
    public const string Ready = "ready";

    /// <summary>On /healthz: the process is broken and should be restarted while this check fails. Rarely needed.</summary>
    public const string Live = "live";
}
