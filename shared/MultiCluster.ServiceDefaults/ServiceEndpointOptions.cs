using System.ComponentModel.DataAnnotations;
using System.Net;
using MultiCluster.ServiceDefaults.Hosting;

namespace MultiCluster.ServiceDefaults;

/// <summary>
/// Where and how a service listens (configuration section "Service"). gRPC gets its own HTTP/2 port because Kestrel
/// cannot serve HTTP/1.1 and cleartext HTTP/2 on one port; probes and metrics use the HTTP/1.1 port.
/// </summary>
public sealed record ServiceEndpointOptions : IValidatableObject
{
    public const string Section = "Service";

    /// <summary>The service's name in logs, traces (service.name) and health (discovery, specialization, orchestrator, rebalancer).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "is required: the service's name in logs and traces, such as discovery")]
    public string Name { get; init; } = "";

    /// <summary>Address to bind; 127.0.0.1 on a workstation, 0.0.0.0 in a container.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "is required: an IP address such as 127.0.0.1 or 0.0.0.0")]
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Port of the gRPC (HTTP/2) endpoint; 0 picks a free port (tests).</summary>
    [Required(ErrorMessage = "is required: a port number from 0 to 65535 (0 picks a free port)")]
    [Range(0, 65535, ErrorMessage = "must be a port number from 0 to 65535 (0 picks a free port)")]
    public int? GrpcPort { get; init; }

    /// <summary>Port of the HTTP/1.1 endpoint for /healthz, /readyz and /metrics; 0 picks a free port (tests).</summary>
    [Required(ErrorMessage = "is required: a port number from 0 to 65535 (0 picks a free port)")]
    [Range(0, 65535, ErrorMessage = "must be a port number from 0 to 65535 (0 picks a free port)")]
    public int? HttpPort { get; init; }

    /// <summary>Folder of the YAML configuration files (*.yaml), relative to the content root; read before anything else.</summary>
    public string ConfigDirectory { get; init; } = "config";

    /// <summary>How long in-flight calls may run on after a stop is asked for, before they are cut (HostOptions.ShutdownTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "must be a duration from 00:00:00.001 to 00:10:00 (hh:mm:ss)")]
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to keep accepting calls after health turns NOT_SERVING, so load balancers and Kubernetes see it before
    /// the listeners close. 0 on one machine; a few seconds behind a load balancer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "must be a duration from 00:00:00 to 00:01:00 (hh:mm:ss)")]
    public TimeSpan DrainDelay { get; init; } = TimeSpan.Zero;

    /// <summary>TLS on the gRPC port when a certificate is given; cleartext h2c otherwise.</summary>
    public TlsOptions Tls { get; init; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            yield return new ValidationResult($"must be an IP address such as 127.0.0.1 or 0.0.0.0 (got '{ListenAddress}')", [nameof(ListenAddress)]);
        }

        if (GrpcPort is > 0 && GrpcPort == HttpPort)
        {
            yield return new ValidationResult($"must differ from Service:HttpPort (gRPC and HTTP/1.1 need separate ports; both are {GrpcPort})", [nameof(GrpcPort)]);
        }

        if (DrainDelay >= ShutdownTimeout)
        {
            yield return new ValidationResult($"must be shorter than Service:ShutdownTimeout ({ShutdownTimeout}), or in-flight calls get no time to finish", [nameof(DrainDelay)]);
        }
    }
}
