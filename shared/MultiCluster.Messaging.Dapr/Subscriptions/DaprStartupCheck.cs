using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.Transport;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Fixes the subscriptions when the host starts (the sidecar asks for them once) and refuses to start a service that
/// subscribes without serving the app callback: the sidecar would get UNIMPLEMENTED, take it as "no subscriptions",
/// and every event for this service would be silently lost.
/// </summary>
internal sealed partial class DaprStartupCheck(SubscriptionRegistry registry, DaprAppCallbackMapping mapping, DaprOptions options, ILogger<DaprStartupCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var topics = registry.Freeze();
        if (topics.Count > 0 && !mapping.Mapped)
        {
            throw new InvalidOperationException(
                $"This service subscribes to {string.Join(", ", topics)} but does not serve Dapr's app callback: call app.MapDaprAppCallback() before the host starts.");
        }

        LogStarting(logger, options.SidecarAddress, options.PubSubName, topics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Dapr transport: sidecar {Sidecar}, pub/sub component {PubSub}, topics: {Topics}")]
    private static partial void LogStarting(ILogger logger, Uri sidecar, string pubSub, IReadOnlyCollection<string> topics);
}
