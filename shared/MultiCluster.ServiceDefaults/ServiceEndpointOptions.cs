using System.ComponentModel.DataAnnotations;

namespace MultiCluster.ServiceDefaults;

/// <summary>
/// Where a service listens (configuration section "Service"). gRPC gets its own h2c port because Kestrel
/// cannot serve HTTP/1.1 and cleartext HTTP/2 on one port; probes and metrics use the HTTP/1.1 port.
/// </summary>
public sealed record ServiceEndpointOptions
{
    public const string Section = "Service";

    /// <summary>The service's name in logs, traces and health (discovery, specialization, orchestrator, rebalancer).</summary>
    [Required]
    public string Name { get; init; } = "";

    /// <summary>Address to bind; 127.0.0.1 on a workstation, 0.0.0.0 in a container.</summary>
    [Required]
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Port of the gRPC (HTTP/2 cleartext) endpoint.</summary>
    [Range(1, 65535)]
    public int GrpcPort { get; init; }

    /// <summary>Port of the HTTP/1.1 endpoint for /healthz and /readyz.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; init; }
}
