using CloudNative.CloudEvents;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Placement;

namespace MultiCluster.Specialization.Events;

/// <summary>
/// "domains.discovered": stores the map (whole from Discovery when it answers, else as the event tells it), plans it,
/// and with AutoSpecialize applies the plan as SpecializeCluster would, splitting "unassigned" into the new domains.
/// Redelivery does nothing new: a map version already planned is not planned again, and the specialization carries
/// the request id "domains.discovered:v{version}". A map older than one already stored is only stored. A refusal that
/// another delivery cannot change (no capacity, no map) is logged and acknowledged; Discovery or a cluster being
/// unreachable, or another split of the library still running, is thrown, so the event comes again.
/// </summary>
public sealed partial class DomainsDiscoveredHandler(
    DomainMapStore mapStore,
    DomainMapSource maps,
    PlanStore plans,
    PlacementPlanning planning,
    Specializer specializer,
    MigrationStore migrations,
    SpecializationOptions options,
    ILogger<DomainsDiscoveredHandler> logger) : IEventHandler
{
    public async Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var discovered = cloudEvent.GetProtobufData(DomainsDiscoveredEvent.Parser);
        if (!LibraryName.IsValid(discovered.Library) || discovered.MapVersion == 0)
        {
            LogIgnored(discovered.Library, discovered.MapVersion, "not a library name or no map version");
            return;
        }

        await mapStore.SaveAsync(DomainMaps.FromEvent(discovered), cancellationToken);
        // Completes the stored copy from Discovery when it answers; a map from the event alone still plans.
        await maps.GetAsync(discovered.Library, discovered.MapVersion, cancellationToken);
        if (await mapStore.LatestVersionAsync(discovered.Library, cancellationToken) > discovered.MapVersion)
        {
            LogIgnored(discovered.Library, discovered.MapVersion, "a newer map is stored already");
            return;
        }

        try
        {
            if (options.AutoSpecialize)
            {
                var response = await specializer.SpecializeAsync(new SpecializeClusterRequest
                {
                    Library = discovered.Library,
                    DomainMapVersion = discovered.MapVersion,
                    RequestId = $"{Topics.DomainsDiscovered}:v{discovered.MapVersion}",
                }, split: true, cancellationToken);
                LogSpecialized(discovered.Library, discovered.MapVersion, response.OperationId);
            }
            else if (!await plans.ExistsForMapAsync(discovered.Library, discovered.MapVersion, cancellationToken))
            {
                var computed = await planning.PlanAsync(new PlanPlacementsRequest { Library = discovered.Library, DomainMapVersion = discovered.MapVersion }, cancellationToken);
                LogPlanned(discovered.Library, discovered.MapVersion, computed.Plan.PlanId);
            }
        }
        catch (SpecializationException e) when (e.Kind != FailureKind.Unavailable)
        {
            if (options.AutoSpecialize && await migrations.FindHoldingAsync(discovered.Library, LibraryName.Unassigned, cancellationToken) is { IsSplit: true })
            {
                // Refused only while another split of the library runs: a later delivery applies the map.
                LogWaiting(discovered.Library, discovered.MapVersion, e.Message);
                throw;
            }

            LogIgnored(discovered.Library, discovered.MapVersion, e.Message);
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Map v{Version} of {Library} specialised automatically as {OperationId}")]
    private partial void LogSpecialized(string library, ulong version, string operationId);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Map v{Version} of {Library} planned as {PlanId} (automatic specialization is off)")]
    private partial void LogPlanned(string library, ulong version, string planId);

    [LoggerMessage(EventId = 133, Level = LogLevel.Information, Message = "domains.discovered for {Library} v{Version} waits for the running split of the library and comes again: {Reason}")]
    private partial void LogWaiting(string library, ulong version, string reason);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "domains.discovered for {Library} v{Version} acknowledged without a plan: {Reason}")]
    private partial void LogIgnored(string library, ulong version, string reason);
}
