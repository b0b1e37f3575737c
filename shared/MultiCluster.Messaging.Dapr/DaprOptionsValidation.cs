namespace MultiCluster.Messaging.Dapr;

/// <summary>Refuses settings the transport cannot work with, saying which key to fix.</summary>
internal static class DaprOptionsValidation
{
    public static void ThrowIfInvalid(DaprOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PubSubName))
        {
            problems.Add($"{nameof(DaprOptions.PubSubName)} is empty: name the pub/sub component, e.g. pubsub");
        }

        if (options.SidecarAddress is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            problems.Add($"{nameof(DaprOptions.SidecarAddress)} is '{options.SidecarAddress}': use http://127.0.0.1:<DAPR_GRPC_PORT>");
        }

        if (options.MaxDeliveries < 1)
        {
            problems.Add($"{nameof(DaprOptions.MaxDeliveries)} is {options.MaxDeliveries}: at least 1");
        }

        if (options.MaxTrackedEvents < 1)
        {
            problems.Add($"{nameof(DaprOptions.MaxTrackedEvents)} is {options.MaxTrackedEvents}: at least 1");
        }

        if (options.PublishTimeout <= TimeSpan.Zero || options.ProcessedIdRetention <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(DaprOptions.PublishTimeout)} and {nameof(DaprOptions.ProcessedIdRetention)} must be positive");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid {DaprOptions.Section} configuration: " + string.Join("; ", problems) + ".");
        }
    }
}
