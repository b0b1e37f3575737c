using System.ComponentModel.DataAnnotations;

namespace MultiCluster.Messaging;

/// <summary>How a service talks to the others (configuration section "Messaging").</summary>
public sealed record MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>The service's name: the source of the events it publishes and its consumer group for the ones it receives.</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]*$", ErrorMessage = "must be lower-case letters, digits and dashes, e.g. discovery")]
    public string ServiceName { get; init; } = "";

    /// <summary>"local" (Redis Streams and direct gRPC; the default) or "dapr" (the sidecar).</summary>
    public string Transport { get; init; } = MessagingTransports.Local;

    /// <summary>Local transport: the gRPC address of each app id, e.g. Services:discovery = http://127.0.0.1:5101.</summary>
    public IDictionary<string, string> Services { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
