using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>TriggerRebalancing against the real host, Discovery and Specialization: plans that explain themselves, and refusals.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class PlanningTests(RebalancerFixture fixture)
{
    private static string NewLibrary(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task A_dry_run_names_moves_off_the_hot_cluster_with_reasons_and_moves_nothing()
    {
        await fixture.ResetAsync();
        var library = await PlacedLibrary.CreateAsync(fixture, NewLibrary("plan"), 120, 60, 30, 20);
        var hot = await HotCluster.MakeHotAsync(fixture, library);
        await Eventually.TrueAsync(async () => (await fixture.Client.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest()).ResponseAsync).LoadImbalance > 0.3,
            "the hot cluster's report to be stored");

        var response = await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest { Library = library.Name, DryRun = true, Reason = "test" }).ResponseAsync.Within();

        var plan = response.Plan;
        Assert.Equal("", response.OperationId);
        Assert.NotEmpty(plan.Moves);
        var first = plan.Moves[0];
        Assert.Equal((library.Name, hot), (first.Library, first.Source.Name));
        Assert.NotEqual(hot, first.Target.Name);
        Assert.StartsWith($"{hot} carries ", first.Reason, StringComparison.Ordinal);
        Assert.Contains($"{library.Name}/{first.DomainId} is ", first.Reason, StringComparison.Ordinal);
        Assert.True(plan.LoadMaxOverMeanAfter < plan.LoadMaxOverMeanBefore, plan.Explanation);
        Assert.True(plan.LoadImbalanceAfter < plan.LoadImbalanceBefore, plan.Explanation);
        Assert.Equal(plan.Moves.Aggregate(0ul, (sum, m) => sum + m.PointCount), plan.PointsToMove);
        Assert.True(plan.PointsToMove > 0 && plan.BytesToMove > 0);
        Assert.False(plan.ForecastBased);
        Assert.StartsWith("Planned on the load now", plan.Explanation, StringComparison.Ordinal);
        Assert.Equal(library.Table.Version, (await library.CurrentTableAsync(fixture)).Version);
    }

    [Fact]
    public async Task With_enough_history_the_plan_minimises_the_forecast_load_and_says_so()
    {
        await fixture.ResetAsync();
        var library = await PlacedLibrary.CreateAsync(fixture, NewLibrary("fore"), 120, 60, 30, 20);
        // A minute of reports: the 20 s the 10 s horizon asks for, and more.
        var hot = await HotCluster.MakeHotAsync(fixture, library, reports: 12);
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<long>("SELECT count(DISTINCT window_end) FROM load_samples") == 12, "the twelve reports to be stored");

        var plan = (await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest { Library = library.Name, DryRun = true, Type = RebalancingType.Load }).ResponseAsync.Within()).Plan;

        Assert.True(plan.ForecastBased, plan.Explanation);
        Assert.StartsWith("Planned on the load forecast 00:00:10 ahead", plan.Explanation, StringComparison.Ordinal);
        Assert.NotEmpty(plan.Moves);
        Assert.Equal(hot, plan.Moves[0].Source.Name);
        Assert.True(plan.LoadMaxOverMeanAfter < plan.LoadMaxOverMeanBefore, plan.Explanation);
    }

    [Fact]
    public async Task A_triggered_rebalancing_runs_its_plan_and_the_moved_domain_then_cools_down()
    {
        await fixture.ResetAsync();
        var library = await PlacedLibrary.CreateAsync(fixture, NewLibrary("run"), 120, 60, 30, 20);
        var hot = await HotCluster.MakeHotAsync(fixture, library);
        await Eventually.TrueAsync(async () => (await fixture.Client.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest()).ResponseAsync).LoadImbalance > 0.3,
            "the hot cluster's report to be stored");

        var response = await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest { Library = library.Name, MaxMoves = 1, Reason = "hot test cluster" }).ResponseAsync.Within();

        Assert.NotEqual("", response.OperationId);
        var move = Assert.Single(response.Plan.Moves);
        Assert.Equal(hot, move.Source.Name);
        var end = (await Runs.WatchToEndAsync(fixture, response.OperationId))[^1];
        Assert.Equal(OperationState.Succeeded, end.Progress.State);
        var entry = (await library.CurrentTableAsync(fixture)).Entries.Single(e => e.DomainId == move.DomainId);
        Assert.Equal(move.Target.Name, entry.Primary.Name);
        var record = await Runs.RecordAsync(fixture, DateTimeOffset.UtcNow.AddMinutes(-5), response.OperationId);
        Assert.Equal((RebalancingTrigger.Manual, "hot test cluster"), (record.Trigger, record.Reason));

        // Forced again at once: the domain just moved is in its cooldown and is not planned again.
        var again = await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest { Library = library.Name, DryRun = true, Force = true }).ResponseAsync.Within();
        Assert.DoesNotContain(again.Plan.Moves, m => m.DomainId == move.DomainId);
    }

    [Fact]
    public async Task Without_force_calm_clusters_get_an_empty_plan_saying_why()
    {
        await fixture.ResetAsync();
        await fixture.Client.SetRebalancingThresholdsAsync(new SetRebalancingThresholdsRequest
        {
            Thresholds = new RebalancingThresholds { MaxLoadImbalance = 10, MaxSizeImbalance = 10, MaxFillRatio = 1 },
            UpdateMask = new FieldMask { Paths = { "max_load_imbalance", "max_size_imbalance", "max_fill_ratio" } },
        }).ResponseAsync.Within();

        var response = await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest()).ResponseAsync.Within();

        Assert.Equal("", response.OperationId);
        Assert.Empty(response.Plan.Moves);
        Assert.StartsWith("Nothing moves: no threshold is exceeded", response.Plan.Explanation, StringComparison.Ordinal);
        Assert.Contains("pass force to act anyway", response.Plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_the_allowed_window_even_a_forced_run_starts_nothing_and_says_so()
    {
        await fixture.ResetAsync();
        var now = DateTimeOffset.UtcNow;
        var past = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(now.AddHours(-2)), EndTime = Timestamp.FromDateTimeOffset(now.AddHours(-1)) };

        var response = await fixture.Client.TriggerRebalancingAsync(new TriggerRebalancingRequest { Force = true, Constraints = new() { AllowedWindow = past } }).ResponseAsync.Within();

        Assert.Equal("", response.OperationId);
        Assert.Empty(response.Plan.Moves);
        Assert.StartsWith("Nothing moves: moves may not start now, the allowed window closed at ", response.Plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_are_refused_naming_the_field()
    {
        var now = DateTimeOffset.UtcNow;
        var backwards = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(now), EndTime = Timestamp.FromDateTimeOffset(now.AddHours(-1)) };
        await AssertRefusedAsync<TriggerRebalancingRequest, TriggerRebalancingResponse>(r => fixture.Client.TriggerRebalancingAsync(r),
        [
            (new() { Library = "Not A Name" }, StatusCode.InvalidArgument, "library: "),
            (new() { MaxMoves = 101 }, StatusCode.InvalidArgument, "max_moves: "),
            (new() { Type = (RebalancingType)42 }, StatusCode.InvalidArgument, "type: "),
            (new() { Constraints = new() { ForbiddenClusters = { "local-a", "nowhere" } } }, StatusCode.InvalidArgument, "constraints.forbidden_clusters[1]: 'nowhere'"),
            (new() { Constraints = new() { AllowedWindow = backwards } }, StatusCode.InvalidArgument, "constraints.allowed_window: "),
            (new() { Constraints = new() { DailyWindow = new() { Start = Duration.FromTimeSpan(TimeSpan.FromHours(25)) } } }, StatusCode.InvalidArgument, "constraints.daily_window.start: "),
            (new() { Constraints = new() { DailyWindow = new() { Start = Duration.FromTimeSpan(TimeSpan.FromHours(2)), End = Duration.FromTimeSpan(TimeSpan.FromHours(2)) } } }, StatusCode.InvalidArgument, "constraints.daily_window.end: "),
            (new() { Targets = new() { MaxLoadRatio = 0.5 } }, StatusCode.InvalidArgument, "targets.max_load_ratio: "),
            (new() { Library = "no-such-library", DryRun = true }, StatusCode.NotFound, "library: "),
        ]);
        await AssertRefusedAsync<EnableAutoRebalancingRequest, EnableAutoRebalancingResponse>(r => fixture.Client.EnableAutoRebalancingAsync(r),
        [
            (new(), StatusCode.InvalidArgument, "settings: "),
            (new() { Settings = new() { Enabled = true, EvaluationInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(500)) } }, StatusCode.InvalidArgument, "settings.evaluation_interval: "),
            (new() { Settings = new() { Enabled = true, EvaluationInterval = Duration.FromTimeSpan(TimeSpan.FromDays(2)) } }, StatusCode.InvalidArgument, "settings.evaluation_interval: "),
            (new() { Settings = new() { Enabled = true, Constraints = new() { ForbiddenClusters = { "nowhere" } } } }, StatusCode.InvalidArgument, "settings.constraints.forbidden_clusters[0]: "),
        ]);
    }
}
