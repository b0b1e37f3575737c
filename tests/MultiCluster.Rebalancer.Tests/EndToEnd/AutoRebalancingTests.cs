using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>EnableAutoRebalancing and the auto loop against the real host: settings that last, and plan_only plans after a sustained breach.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class AutoRebalancingTests(RebalancerFixture fixture)
{
    private static readonly EnableAutoRebalancingRequest Off = new() { Settings = new AutoRebalancingSettings() };

    [Fact]
    public async Task Settings_round_trip_show_in_the_metrics_and_survive_a_restart()
    {
        await fixture.ResetAsync();
        var settings = new AutoRebalancingSettings
        {
            Enabled = true,
            EvaluationInterval = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
            UsePredictions = true,
            PlanOnly = true,
            Constraints = new RebalancingConstraints { ForbiddenClusters = { "local-c" }, MaxBytesMoved = 1_000_000 },
        };
        var before = DateTimeOffset.UtcNow;

        try
        {
            var enabled = await fixture.Client.EnableAutoRebalancingAsync(new EnableAutoRebalancingRequest { Settings = settings }).ResponseAsync.Within();

            Assert.Equal(settings, enabled.Settings);
            Assert.InRange(enabled.NextEvaluationTime.ToDateTimeOffset(), before.AddMinutes(10), DateTimeOffset.UtcNow.AddMinutes(10));
            Assert.Equal(settings, (await fixture.Client.GetRebalancingMetricsAsync(new GetRebalancingMetricsRequest()).ResponseAsync.Within()).AutoRebalancing);
            fixture.KillHost();
            await fixture.StartHostAsync();
            Assert.Equal(settings, (await fixture.Client.GetRebalancingMetricsAsync(new GetRebalancingMetricsRequest()).ResponseAsync.Within()).AutoRebalancing);

            var defaults = await fixture.Client.EnableAutoRebalancingAsync(new EnableAutoRebalancingRequest { Settings = new AutoRebalancingSettings { Enabled = true } }).ResponseAsync.Within();
            Assert.Equal(TimeSpan.FromSeconds(60), defaults.Settings.EvaluationInterval.ToTimeSpan());
        }
        finally
        {
            var off = await fixture.Client.EnableAutoRebalancingAsync(Off).ResponseAsync.Within();
            Assert.Null(off.NextEvaluationTime);
        }
    }

    [Fact]
    public async Task In_plan_only_mode_a_breach_lasting_the_sustain_duration_records_a_plan_and_moves_nothing()
    {
        await fixture.ResetAsync();
        var library = await PlacedLibrary.CreateAsync(fixture, $"auto-{Guid.NewGuid():N}"[..14], 120, 60, 30, 20);
        var sustain = TimeSpan.FromSeconds(3);
        await fixture.Client.SetRebalancingThresholdsAsync(new SetRebalancingThresholdsRequest
        {
            Thresholds = new RebalancingThresholds { SustainDuration = Duration.FromTimeSpan(sustain), Cooldown = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)) },
            UpdateMask = new FieldMask { Paths = { "sustain_duration", "cooldown" } },
        }).ResponseAsync.Within();
        var hot = await HotCluster.MakeHotAsync(fixture, library);
        var enabledAt = DateTimeOffset.UtcNow;

        try
        {
            await fixture.Client.EnableAutoRebalancingAsync(new EnableAutoRebalancingRequest
            {
                Settings = new AutoRebalancingSettings { Enabled = true, PlanOnly = true, EvaluationInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
            }).ResponseAsync.Within();

            await Eventually.TrueAsync(async () => await fixture.ScalarAsync<long>("SELECT count(*) FROM auto_plans") > 0, "the auto mode to record a plan");
            var planned = await fixture.ScalarAsync<DateTime>("SELECT planned_at FROM auto_plans ORDER BY id LIMIT 1");
            var plan = RebalancingPlan.Parser.ParseFrom(await fixture.ScalarAsync<byte[]>("SELECT plan FROM auto_plans ORDER BY id LIMIT 1"));
            var reason = await fixture.ScalarAsync<string>("SELECT reason FROM auto_plans ORDER BY id LIMIT 1");

            Assert.True(new DateTimeOffset(planned, TimeSpan.Zero) - enabledAt >= sustain, $"planned at {planned:O}, enabled at {enabledAt:O}");
            Assert.Equal("Threshold", await fixture.ScalarAsync<string>("SELECT trigger FROM auto_plans ORDER BY id LIMIT 1"));
            Assert.StartsWith("auto: ", reason, StringComparison.Ordinal);
            Assert.Contains(plan.Moves, m => m.Source.Name == hot && m.Library == library.Name);
            Assert.True(plan.LoadMaxOverMeanAfter < plan.LoadMaxOverMeanBefore, plan.Explanation);
            // History shows the kept plan as plan-only, apart from runs.
            var history = await fixture.Client.GetRebalancingHistoryAsync(new GetRebalancingHistoryRequest()).ResponseAsync.Within();
            var entry = Assert.Single(history.Records);
            Assert.True(entry.PlanOnly);
            Assert.Equal((RebalancingTrigger.Threshold, OperationState.Unspecified, reason, plan), (entry.Trigger, entry.State, entry.Reason, entry.Plan));
            Assert.Equal(plan.Moves, entry.Moves.Select(m => m.Move));
            Assert.Equal(new DateTimeOffset(planned, TimeSpan.Zero), entry.StartedAt.ToDateTimeOffset());
            Assert.Null(entry.FinishedAt);
            var manualOnly = await fixture.Client.GetRebalancingHistoryAsync(new GetRebalancingHistoryRequest { Triggers = { RebalancingTrigger.Manual } }).ResponseAsync.Within();
            Assert.Empty(manualOnly.Records);
            // The cooldown (10 minutes) holds the next plan back, and nothing moved.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM auto_plans"));
            Assert.Equal(library.Table.Version, (await library.CurrentTableAsync(fixture)).Version);
        }
        finally
        {
            await fixture.Client.EnableAutoRebalancingAsync(Off).ResponseAsync.Within();
        }
    }
}
