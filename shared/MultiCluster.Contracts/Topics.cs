namespace MultiCluster.Contracts;

/// <summary>The pub/sub topics of events.proto, each carrying the message named in its comment there.</summary>
public static class Topics
{
    public const string DomainsDiscovered = "domains.discovered";
    public const string ReanalysisRequested = "domains.reanalysis_requested";
    public const string PlacementPlanned = "placement.planned";
    public const string MigrationProgress = "migration.progress";
    public const string RoutingChanged = "routing.changed";
    public const string ClusterLoad = "cluster.load";
    public const string RebalancingExecuted = "rebalancing.executed";
    public const string LibraryDropped = "library.dropped";
}
