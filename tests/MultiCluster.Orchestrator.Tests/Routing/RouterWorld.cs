using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Tests.Routing;

/// <summary>A small library for router tests: domains on the axes of a 3-dimensional space, each placed on named clusters.</summary>
internal static class RouterWorld
{
    public const string Library = "books";

    /// <summary>Domain "d{i}" has its centroid at <paramref name="centroids"/>[i], is read from <paramref name="copies"/>[i] (primary first).</summary>
    public static LibrarySnapshot Snapshot(float[][] centroids, string[][] copies, bool migrating = false, bool withUnassigned = true)
    {
        var map = new DomainMap { Library = Library, Version = 7, Published = true, Dimension = 3, Distance = Distance.Cosine };
        var table = new RoutingTable { Library = Library, Version = 11, DomainMapVersion = 7 };
        for (var i = 0; i < centroids.Length; i++)
        {
            var domain = new Domain { DomainId = $"d{i}", PointCount = 100 };
            domain.Centroid.Add(centroids[i]);
            map.Domains.Add(domain);
            var entry = new RouteEntry { DomainId = $"d{i}", CollectionName = $"{Library}__d{i}", Primary = new ClusterRef { Name = copies[i][0] }, Migrating = migrating && i == 0 };
            entry.ReadClusters.Add(copies[i].Select(c => new ClusterRef { Name = c }));
            table.Entries.Add(entry);
        }

        if (withUnassigned)
        {
            var unassigned = new RouteEntry { DomainId = "unassigned", CollectionName = $"{Library}__unassigned", Primary = new ClusterRef { Name = "a" } };
            unassigned.ReadClusters.Add(new ClusterRef { Name = "a" });
            table.Entries.Add(unassigned);
        }

        return new LibrarySnapshot(new Library { Name = Library, Dimension = 3, Distance = Distance.Cosine }, table, map);
    }

    public static RoutingPolicy Policy(RoutingStrategy strategy = RoutingStrategy.Adaptive, int maxDomains = 0) =>
        RoutingPolicy.Resolve(new RoutingSettings { Strategy = strategy, MaxDomains = (uint)maxDomains }, null, new OrchestratorOptions());

    public static RoutePlan Route(LibrarySnapshot snapshot, float[] vector, RoutingHints? hints = null, RoutingPolicy? policy = null,
        double? margin = 0.1, bool unassignedHasPoints = false, Func<string, ClusterCondition>? conditions = null) =>
        QueryRouter.Route(
            new RouteRequest(snapshot, vector, hints ?? new RoutingHints(), policy ?? Policy(), margin, unassignedHasPoints, "a"),
            conditions ?? ClusterCondition.Unknown);
}
