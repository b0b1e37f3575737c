using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>Every placement RPC refuses bad input with the right status and a message that starts with the field at fault.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class PlacementBadInputTests(SpecializationFixture fixture)
{
    private const string Library = "plc-bad";
    private readonly PlacementWorld _world = new(fixture);

    public static TheoryData<string, StatusCode, string> PlanRefusals() => new()
    {
        { """{"library":"Bad Name"}""", StatusCode.InvalidArgument, "library:" },
        { """{"library":""}""", StatusCode.InvalidArgument, "library:" },
        { """{"library":"plc-nothing-here"}""", StatusCode.NotFound, "library:" },
        { """{"library":"plc-bad","strategy":42}""", StatusCode.InvalidArgument, "strategy:" },
        // Not stored here: only Discovery could say whether v9 exists, and it is not running in these tests.
        { """{"library":"plc-bad","domainMapVersion":9}""", StatusCode.Unavailable, "domain_map_version:" },
        { """{"library":"plc-bad","clusters":[{"name":"local-z"}]}""", StatusCode.NotFound, "clusters[0]:" },
        { """{"library":"plc-bad","pins":[{"domainId":"d9","cluster":{"name":"local-b"}}]}""", StatusCode.NotFound, "pins[0].domain_id:" },
        { """{"library":"plc-bad","pins":[{"domainId":"d0","cluster":{"name":"local-z"}}]}""", StatusCode.NotFound, "pins[0].cluster:" },
        { """{"library":"plc-bad","pins":[{"domainId":"d0","cluster":{"name":"local-b"}},{"domainId":"d0","cluster":{"name":"local-c"}}]}""", StatusCode.InvalidArgument, "pins[1].domain_id:" },
        { """{"library":"plc-bad","pins":[{"domainId":"d0"}]}""", StatusCode.InvalidArgument, "pins[0].cluster:" },
        { """{"library":"plc-bad","clusters":[{"name":"local-b"}],"pins":[{"domainId":"d0","cluster":{"name":"local-c"}}]}""", StatusCode.InvalidArgument, "pins[0].cluster:" },
    };

    [Theory]
    [MemberData(nameof(PlanRefusals))]
    public async Task PlanPlacements_RefusesBadInput(string json, StatusCode code, string field)
    {
        await EnsureLibraryAsync();

        var status = await PlacementWorld.RefusalAsync(fixture.Client.PlanPlacementsAsync(Google.Protobuf.JsonParser.Default.Parse<PlanPlacementsRequest>(json)));

        Assert.Equal(code, status.StatusCode);
        Assert.StartsWith(field, status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPlacements_ForALibraryWithPointsButNoStoredMap_IsUnavailableNamingDiscovery()
    {
        await _world.UnassignedAsync("plc-bad-nomap", 3);

        var status = await PlacementWorld.RefusalAsync(fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest { Library = "plc-bad-nomap" }));

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
        Assert.StartsWith("domain_map_version:", status.Detail, StringComparison.Ordinal);
        Assert.Contains("discovery", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecializeCluster_RefusesUnknownPlansClustersAndPlansOfAnotherLibrary()
    {
        await EnsureLibraryAsync();
        await _world.UnassignedAsync("plc-bad-other", 0);
        await _world.StoreMapAsync(PlacementWorld.Map("plc-bad-other", 1, ("d0", 1, "")));
        var other = await fixture.Client.PlanPlacementsAsync(new PlanPlacementsRequest { Library = "plc-bad-other" }).ResponseAsync.Within();

        var unknownPlan = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = "plan-nope" }));
        var foreignPlan = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, PlanId = other.Plan.PlanId }));
        var unknownCluster = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = Library, Cluster = new ClusterRef { Name = "local-z" } }));
        var badName = await PlacementWorld.RefusalAsync(fixture.Client.SpecializeClusterAsync(new SpecializeClusterRequest { Library = "x__y" }));

        Assert.Equal((StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.NotFound, StatusCode.InvalidArgument),
            (unknownPlan.StatusCode, foreignPlan.StatusCode, unknownCluster.StatusCode, badName.StatusCode));
        Assert.StartsWith("plan_id:", unknownPlan.Detail, StringComparison.Ordinal);
        Assert.StartsWith("plan_id:", foreignPlan.Detail, StringComparison.Ordinal);
        Assert.StartsWith("cluster:", unknownCluster.Detail, StringComparison.Ordinal);
        Assert.StartsWith("library:", badName.Detail, StringComparison.Ordinal);
        Assert.Null(await _world.RoutingAsync(Library));
    }

    public static TheoryData<string, string> PolicyRefusals() => new()
    {
        { """{"library":"plc-bad","policy":{"replicaCount":9}}""", "policy.replica_count:" },
        { """{"library":"plc-bad","policy":{"maxFillRatio":1.5}}""", "policy.max_fill_ratio:" },
        { """{"library":"plc-bad","policy":{"maxFillRatio":-0.1}}""", "policy.max_fill_ratio:" },
        { """{"library":"plc-bad","policy":{"maxParallelMigrations":17}}""", "policy.max_parallel_migrations:" },
        { """{"library":"plc-bad","policy":{"migrationBatchSize":10001}}""", "policy.migration_batch_size:" },
        { """{"library":"plc-bad","policy":{"preferredRegions":["eu-1",""]}}""", "policy.preferred_regions[1]:" },
        { """{"library":"plc-bad","policy":{"strategy":77}}""", "policy.strategy:" },
        { """{"library":"plc-bad","updateMask":"hnswM"}""", "update_mask:" },
        { """{"library":"Not A Library"}""", "library:" },
    };

    [Theory]
    [MemberData(nameof(PolicyRefusals))]
    public async Task SetOptimizationStrategy_RefusesValuesOutOfRange(string json, string field)
    {
        var status = await PlacementWorld.RefusalAsync(fixture.Client.SetOptimizationStrategyAsync(Google.Protobuf.JsonParser.Default.Parse<SetOptimizationStrategyRequest>(json)));

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field, status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetOptimizationStrategy_WithAMask_ChangesOnlyTheNamedFields_AndAnswersDefaultsResolved()
    {
        await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = "plc-bad-policy", Policy = new SpecializationPolicy { ReplicaCount = 2, MaxFillRatio = 0.5, PreferredRegions = { "eu-1" } },
        }).ResponseAsync.Within();

        var response = await fixture.Client.SetOptimizationStrategyAsync(new SetOptimizationStrategyRequest
        {
            Library = "plc-bad-policy", Policy = new SpecializationPolicy { Strategy = OptimizationStrategy.Latency, ReplicaCount = 7 }, UpdateMask = new FieldMask { Paths = { "strategy" } },
        }).ResponseAsync.Within();

        var policy = response.Policy;
        Assert.Equal((OptimizationStrategy.Latency, 2U, 0.5, 2U, 500U), (policy.Strategy, policy.ReplicaCount, policy.MaxFillRatio, policy.MaxParallelMigrations, policy.MigrationBatchSize));
        Assert.Equal(["eu-1"], policy.PreferredRegions);
    }

    [Fact]
    public async Task GetSpecializationStatus_RefusesBadAndUnknownLibraries()
    {
        var bad = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = "BAD" }));
        var unknown = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = "plc-never-seen" }));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.NotFound), (bad.StatusCode, unknown.StatusCode));
        Assert.StartsWith("library:", bad.Detail, StringComparison.Ordinal);
        Assert.StartsWith("library:", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSpecializationHistory_RefusesBadTokensKindsAndRanges()
    {
        var token = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest { Pagination = new Pagination { PageToken = "garbage" } }));
        var kind = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest { Kinds = { (SpecializationEventKind)99 } }));
        var range = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest
        {
            TimeRange = new TimeRange { StartTime = Timestamp.FromDateTime(DateTime.UtcNow), EndTime = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-1)) },
        }));
        var library = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest { Library = "A B" }));
        var time = await PlacementWorld.RefusalAsync(fixture.Client.GetSpecializationHistoryAsync(new GetSpecializationHistoryRequest
        {
            TimeRange = new TimeRange { EndTime = new Timestamp { Seconds = 1, Nanos = -5 } },
        }));

        Assert.All(new[] { token, kind, range, library, time }, s => Assert.Equal(StatusCode.InvalidArgument, s.StatusCode));
        Assert.StartsWith("pagination.page_token:", token.Detail, StringComparison.Ordinal);
        Assert.StartsWith("kinds[0]:", kind.Detail, StringComparison.Ordinal);
        Assert.StartsWith("time_range:", range.Detail, StringComparison.Ordinal);
        Assert.StartsWith("library:", library.Detail, StringComparison.Ordinal);
        Assert.StartsWith("time_range.end_time: not a valid timestamp", time.Detail, StringComparison.Ordinal);
    }

    private async Task EnsureLibraryAsync()
    {
        if (await _world.CountAsync("SELECT count(*) FROM domain_maps WHERE library = @library", Library) == 0)
        {
            try
            {
                await _world.StoreMapAsync(PlacementWorld.Map(Library, 1, ("d0", 5, ""), ("d1", 5, "")));
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                // Another case of the theory stored it first.
            }
        }
    }
}
