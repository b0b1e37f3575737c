using CloudNative.CloudEvents;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;

namespace MultiCluster.Discovery.Events;

/// <summary>
/// "domains.reanalysis_requested": starts an analysis of the library with its configured settings. A request for a
/// library already being analysed is acknowledged and logged (the running analysis answers it); so is one for a
/// library that does not exist, since delivering it again cannot make it succeed. The event's id is the analysis's
/// request id, so a redelivered event finds the analysis it started instead of starting another.
/// </summary>
public sealed partial class ReanalysisRequestedHandler(AnalysisCoordinator coordinator, ILogger<ReanalysisRequestedHandler> logger) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var request = cloudEvent.GetProtobufData(ReanalysisRequestedEvent.Parser);
        if (!LibraryName.IsValid(request.Library))
        {
            LogIgnored(request.Library, "not a library name");
            return;
        }

        var trigger = $"event: {Short(request.Reason)} (by {Short(request.RequestedBy)})";
        var requestId = Short($"event:{cloudEvent.Source}:{cloudEvent.Id}");
        try
        {
            var started = await coordinator.StartAsync(
                new AnalysisRequest(request.Library, null, [], false, requestId, trigger),
                cancellationToken);
            LogStarted(request.Library, started.Progress.OperationId, trigger);
        }
        catch (Exception e) when (e is DiscoveryConflictException or DiscoveryNotFoundException or DiscoveryRequestException)
        {
            LogIgnored(request.Library, e.Message);
        }
    }

    // PostgreSQL text holds no NUL, and a reason is for the history, not an essay.
    private static string Short(string text) => text.Replace("\0", "", StringComparison.Ordinal) is var clean && clean.Length > 200 ? clean[..200] : clean;

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Re-analysis of {Library} requested by event started as {OperationId} ({Trigger})")]
    private partial void LogStarted(string library, string operationId, string trigger);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Re-analysis request for {Library} acknowledged without a new analysis: {Reason}")]
    private partial void LogIgnored(string library, string reason);
}
