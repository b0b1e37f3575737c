using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// Planning a map over the three clusters, applying it (asked for, or on "domains.discovered" published to the host's Redis
/// as Discovery's outbox relay would), the status and history that follow, and a failed apply leaving nothing behind.
/// </summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class PlacementFlowTests(SpecializationFixture fixture)
{
    private readonly PlacementWorld _world = new(fixture);

    [Fact]
    public async Task PlanPlacements_PlacesEveryDomainOverTheClusters_StoresThePlanAndPublishesIt()
    {
        const string Library = "plc-plan";
        await _world.UnassignedAsync(Library, 30);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 10, "local-a"), ("d1", 10, "local-b"), ("d2", 10, "local-c")));

        var response = await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest { Library = Library }).ResponseAsync.Within();

        var plan = response.Plan;
        Assert.StartsWith("plan-", plan.PlanId, StringComparison.Ordinal);
        Assert.Equal((1UL, OptimizationStrategy.Balanced), (plan.DomainMapVersion, plan.Strategy));
        Assert.Equal(["d0", "d1", "d2", "unassigned"], plan.Placements.Select(p => p.DomainId));
        Assert.All(plan.Placements, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        Assert.Equal("local-a", plan.Placements.Single(p => p.DomainId == "unassigned").Primary.Name);
        Assert.Equal(SpecializationFixture.ClusterNames, plan.ExpectedFillRatio.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(plan.Moves);
        Assert.Empty(response.Issues);
        var published = await Eventually.ValueAsync(
            () => _world.ReadStreamAsync(Topics.PlacementPlanned, PlacementPlannedEvent.Parser).GetAwaiter().GetResult(),
            events => events.Any(e => e.Plan.PlanId == plan.PlanId), "placement.planned for the plan");
        Assert.Equal(plan, published.Single(e => e.Plan.PlanId == plan.PlanId).Plan);
        var history = await fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest { Library = Library, Kinds = { SpecializationEventKind.Plan } }).ResponseAsync.Within();
        Assert.Equal(plan.PlanId, Assert.Single(history.Records).OperationId);
    }

    [Fact]
    public async Task SpecializeCluster_CreatesEveryDomainsCollectionWithTheStrategysSettings_AndRoutesIt()
    {
        const string Library = "plc-apply";
        await _world.UnassignedAsync(Library, 30);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 10, ""), ("d1", 10, ""), ("d2", 10, "")));
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = Library,
            Policy = new SpecializationPolicy { Strategy = OptimizationStrategy.Memory, ReplicaCount = 1 },
        }).ResponseAsync.Within();

        var response = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, RequestId = "first" }).ResponseAsync.Within();

        Assert.StartsWith("spec-", response.OperationId, StringComparison.Ordinal);
        Assert.Equal(OptimizationStrategy.Memory, response.Plan.Strategy);
        foreach (var placement in response.Plan.Placements.Where(p => p.DomainId != "unassigned"))
        {
            Assert.Single(placement.Replicas);
            foreach (var cluster in placement.Replicas.Append(placement.Primary))
            {
                var info = await fixture.Cluster(cluster.Name).DescribeCollectionAsync(placement.CollectionName).Within();
                Assert.Equal((PlacementWorld.Dimension, 8, 64, true), (info.Spec.VectorSize, info.Spec.HnswM, info.Spec.HnswEfConstruct, info.Spec.OnDisk));
                Assert.NotNull(info.Spec.Quantization);
            }
        }

        var table = await _world.RoutingAsync(Library);
        Assert.NotNull(table);
        Assert.Equal(1UL, table.DomainMapVersion);
        foreach (var placement in response.Plan.Placements)
        {
            var entry = Assert.Single(table.Entries, e => e.DomainId == placement.DomainId);
            Assert.Equal(placement.Primary.Name, entry.Primary.Name);
            Assert.Equal(placement.Replicas.Append(placement.Primary).Select(c => c.Name).Order(StringComparer.Ordinal), entry.ReadClusters.Select(c => c.Name).Order(StringComparer.Ordinal));
        }

        var again = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, RequestId = "first" }).ResponseAsync.Within();
        Assert.Equal((response.OperationId, response.Plan.PlanId, response.MigrationOperationIds), (again.OperationId, again.Plan.PlanId, again.MigrationOperationIds));
        // The 30 points of "unassigned" are split into the three domains (SplitTests checks where each one goes).
        var split = await MigrationCalls.WatchToEndAsync(fixture.Client, Assert.Single(response.MigrationOperationIds));
        Assert.Equal((OperationState.Succeeded, 30UL), (split[^1].Migration.State, split[^1].Migration.PointsCopied));
        var status = await Eventually.ValueAsync(
            () => fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = Library }).ResponseAsync.Within().GetAwaiter().GetResult(),
            s => s.State == SpecializationState.Specialized, "the specialization ended with its split");
        Assert.Equal(4, status.Placements.Count);
        Assert.All(status.Placements.Where(p => p.DomainId != "unassigned"), p => Assert.Equal(PlacementState.Active, p.State));
        Assert.Equal((1UL, 1UL, 0UL, table.Version), (status.DomainMapVersion, status.LatestDomainMapVersion, status.UnassignedPoints, status.RoutingVersion));
        Assert.Equal((OptimizationStrategy.Memory, 1U, 0.85, 2U, 500U),
            (status.Policy.Strategy, status.Policy.ReplicaCount, status.Policy.MaxFillRatio, status.Policy.MaxParallelMigrations, status.Policy.MigrationBatchSize));
        var history = await fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(
            [SpecializationEventKind.Plan, SpecializationEventKind.Specialize, SpecializationEventKind.Migration, SpecializationEventKind.RoutingChange, SpecializationEventKind.PolicyChange],
            history.Records.Select(r => r.Kind).Distinct().Order());
    }

    [Fact]
    public async Task SpecializeCluster_DryRun_AnswersThePlanAndChangesNothing()
    {
        const string Library = "plc-dry";
        await _world.UnassignedAsync(Library, 5);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 3, ""), ("d1", 2, "")));

        var response = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, DryRun = true }).ResponseAsync.Within();

        Assert.Equal("", response.OperationId);
        Assert.Equal(3, response.Plan.Placements.Count);
        Assert.Null(await _world.RoutingAsync(Library));
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM plans WHERE library = @library", Library));
        foreach (var name in SpecializationFixture.ClusterNames)
        {
            Assert.DoesNotContain(await fixture.Cluster(name).ListCollectionsAsync().Within(), c => c.StartsWith(Library + "__d", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SpecializeCluster_AppliesAStoredPlanById()
    {
        const string Library = "plc-byid";
        await _world.UnassignedAsync(Library, 0);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 2, ("d0", 3, ""), ("d1", 2, "")));
        var planned = await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest
        {
            Library = Library, Strategy = OptimizationStrategy.Recall,
            Pins = { new DomainPin { DomainId = "d0", Cluster = new ClusterRef { Name = "local-c" } } },
        }).ResponseAsync.Within();

        var response = await fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = planned.Plan.PlanId }).ResponseAsync.Within();

        Assert.Equal(planned.Plan.PlanId, response.Plan.PlanId);
        var info = await fixture.Cluster("local-c").DescribeCollectionAsync($"{Library}__d0").Within();
        Assert.Equal((32, 256), (info.Spec.HnswM, info.Spec.HnswEfConstruct));
        Assert.Empty(response.MigrationOperationIds);
        var status = await fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(SpecializationState.Specialized, status.State);
    }

    [Fact]
    public async Task History_PagesNewestFirst_AndFiltersByKindAndTime()
    {
        const string Library = "plc-history";
        foreach (var strategy in new[] { OptimizationStrategy.Memory, OptimizationStrategy.Latency, OptimizationStrategy.Recall })
        {
            await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest { Library = Library, Policy = new SpecializationPolicy { Strategy = strategy } }).ResponseAsync.Within();
        }

        var first = await fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest
        {
            Library = Library, Kinds = { SpecializationEventKind.PolicyChange }, Pagination = new Pagination { PageSize = 2 },
        }).ResponseAsync.Within();
        var second = await fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest
        {
            Library = Library, Kinds = { SpecializationEventKind.PolicyChange }, Pagination = new Pagination { PageSize = 2, PageToken = first.NextPageToken },
        }).ResponseAsync.Within();
        var future = await fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest
        {
            Library = Library, TimeRange = new TimeRange { StartTime = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(1)) },
        }).ResponseAsync.Within();

        Assert.Equal(2, first.Records.Count);
        Assert.Contains("RECALL", first.Records[0].Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("MEMORY", Assert.Single(second.Records).Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", second.NextPageToken);
        Assert.Empty(future.Records);
    }

    [Fact]
    public async Task DomainsDiscovered_StoresThePlansAndSpecializesTheMap_OnceUnderRedelivery()
    {
        const string Library = "plc-event";
        await _world.UnassignedAsync(Library, 12);
        var discovered = new DomainsDiscoveredEvent
        {
            Library = Library,
            MapVersion = 1,
            TotalPoints = 12,
            Domains =
            {
                new Domain { DomainId = "d0", PointCount = 6, ProposedCluster = new ClusterRef { Name = "local-b" } },
                new Domain { DomainId = "d1", PointCount = 6, ProposedCluster = new ClusterRef { Name = "local-c" } },
            },
        };

        await _world.PublishAsync(Topics.DomainsDiscovered, discovered);

        // Discovery is not running here, so the map is kept as the event told it; the dimension comes from "unassigned".
        var table = await Eventually.ValueAsync(() => _world.RoutingAsync(Library).GetAwaiter().GetResult(), t => t?.Entries.Count == 3, "the routing rows of d0, d1 and unassigned");
        foreach (var entry in table!.Entries.Where(e => e.DomainId != "unassigned"))
        {
            var info = await fixture.Cluster(entry.Primary.Name).DescribeCollectionAsync(entry.CollectionName).Within();
            Assert.Equal(PlacementWorld.Dimension, info.Spec.VectorSize);
        }

        await _world.PublishAsync(Topics.DomainsDiscovered, discovered);
        await _world.PublishAsync(Topics.DomainsDiscovered, new DomainsDiscoveredEvent { Library = "plc-event-marker", MapVersion = 1 });
        // The marker event comes after the redelivered one on the same stream: once it is stored, the redelivery was handled.
        await Eventually.TrueAsync(async () => await _world.CountAsync("SELECT count(*) FROM domain_maps WHERE library = @library", "plc-event-marker") == 1, "the marker event handled");
        Assert.Equal(1, await _world.CountAsync("SELECT count(*) FROM specializations WHERE library = @library", Library));
        Assert.Equal(1, await _world.CountAsync("SELECT count(*) FROM plans WHERE library = @library", Library));
        Assert.Equal(table.Version, (await _world.RoutingAsync(Library))!.Version);
        var status = await fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(["d0", "d1", "unassigned"], status.Placements.Select(p => p.DomainId));
    }

    [Fact]
    public async Task SpecializeCluster_WithAClusterDown_DropsTheCollectionsItCreated_AndRoutesNothing()
    {
        const string Library = "plc-rollback";
        await _world.UnassignedAsync(Library, 3);
        await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 2, ""), ("d1", 1, "")));
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest { Library = Library, Policy = new SpecializationPolicy { ReplicaCount = 2 } }).ResponseAsync.Within();
        var planned = await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest { Library = Library }).ResponseAsync.Within();
        Assert.All(planned.Plan.Placements.Where(p => p.DomainId != "unassigned"), p => Assert.Equal(2, p.Replicas.Count));

        fixture.ClusterProcess("local-c").Kill();
        Status status;
        try
        {
            status = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = planned.Plan.PlanId }));
        }
        finally
        {
            await fixture.BringBackAsync("local-c");
        }

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
        Assert.Contains("local-c", status.Detail, StringComparison.Ordinal);
        foreach (var name in SpecializationFixture.ClusterNames)
        {
            Assert.DoesNotContain(await fixture.Cluster(name).ListCollectionsAsync().Within(), c => c.StartsWith(Library + "__d", StringComparison.Ordinal));
        }

        Assert.Null(await _world.RoutingAsync(Library));
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM specializations WHERE library = @library", Library));
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM placements WHERE library = @library", Library));
    }
}
