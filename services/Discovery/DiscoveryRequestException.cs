namespace MultiCluster.Discovery;

/// <summary>
/// A request value outside what the service accepts. The message starts with the field's path in the request
/// ("settings.sample_size: …") and gives the allowed range. Not an <see cref="ArgumentException"/>, whose message
/// grows a "(Parameter …)" tail and which strategies throw for their own options.
/// </summary>
public sealed class DiscoveryRequestException(string message) : Exception(message);
