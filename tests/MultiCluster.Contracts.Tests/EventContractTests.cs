using MultiCluster.Contracts.V1;
using Xunit;

namespace MultiCluster.Contracts.Tests;

public sealed class EventContractTests
{
    [Theory]
    [InlineData("DomainsDiscoveredEvent", "domains.discovered")]
    [InlineData("ReanalysisRequestedEvent", "domains.reanalysis_requested")]
    [InlineData("PlacementPlannedEvent", "placement.planned")]
    [InlineData("MigrationProgressEvent", "migration.progress")]
    [InlineData("RoutingChangedEvent", "routing.changed")]
    [InlineData("ClusterLoadEvent", "cluster.load")]
    [InlineData("RebalancingExecutedEvent", "rebalancing.executed")]
    [InlineData("LibraryDroppedEvent", "library.dropped")]
    public void EachEvent_HasAPayloadMessage(string message, string topic)
    {
        var descriptor = EventsReflection.Descriptor.MessageTypes.SingleOrDefault(m => m.Name == message);

        Assert.True(descriptor is not null, $"events.proto has no {message} for topic {topic}");
    }
}
