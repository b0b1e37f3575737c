using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>EnableAutoRebalancing: the settings checked, stored (they survive a restart) and put in effect at once.</summary>
public sealed class AutoMode(AutoSettingsStore store, AutoRebalancer loop, IClusterRegistry registry, TimeProvider time)
{
    public async Task<EnableAutoRebalancingResponse> EnableAsync(EnableAutoRebalancingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = AutoSettingsRules.Resolve(request.Settings, [.. registry.Current.Options.Select(o => o.Name)]);
        await store.SaveAsync(settings, time.GetUtcNow(), cancellationToken);
        var next = loop.Reschedule(settings);
        var response = new EnableAutoRebalancingResponse { Settings = settings };
        if (next is { } at)
        {
            response.NextEvaluationTime = Timestamp.FromDateTimeOffset(at);
        }

        return response;
    }
}
