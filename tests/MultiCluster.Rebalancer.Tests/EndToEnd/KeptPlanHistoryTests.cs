using Google.Protobuf;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Storage;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Plans kept in plan_only mode as GetRebalancingHistory pages them among runs, and their retention.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class KeptPlanHistoryTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task KeptPlans_PageAmongRuns_NewestFirst_AndGoAfterTheRetention()
    {
        await fixture.ResetAsync();
        var now = DateTimeOffset.UtcNow;
        await KeepPlanAsync(now.AddDays(-31), "expired");
        await KeepPlanAsync(now.AddMinutes(-3), "older");
        await KeepPlanAsync(now.AddMinutes(-1), "newer");
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        var run = new RunRow(
            Guid.NewGuid().ToString("N"), RebalancingTrigger.Manual, OperationState.Succeeded, "between", new RebalancingPlan(), new AdaptiveThrottle(), 0, 0, 0, 0, null,
            now.AddMinutes(-2), now.AddMinutes(-2), 0);
        await new RunStore(dataSource).InsertAsync(run, null, [], CancellationToken.None).Within();

        await new Downsampler(dataSource, new RebalancerOptions()).RunAsync(now, CancellationToken.None).Within();
        var first = await Runs.HistoryAsync(fixture, now.AddDays(-40), pageSize: 2);
        var second = await Runs.HistoryAsync(fixture, now.AddDays(-40), pageSize: 2, pageToken: first.NextPageToken);
        var thresholdOnly = await Runs.HistoryAsync(fixture, now.AddDays(-40), 0, "", RebalancingTrigger.Threshold);

        Assert.Equal(["newer", "between"], first.Records.Select(r => r.Reason));
        Assert.Equal([true, false], first.Records.Select(r => r.PlanOnly));
        Assert.Equal(["older"], second.Records.Select(r => r.Reason));
        Assert.Empty(second.NextPageToken);
        Assert.Equal(["newer", "older"], thresholdOnly.Records.Select(r => r.Reason));
        var kept = thresholdOnly.Records[0];
        Assert.StartsWith("plan-", kept.OperationId, StringComparison.Ordinal);
        Assert.Equal("local-b", kept.Plan.Moves.Single().Target.Name);
        Assert.Equal(kept.Plan.Moves, kept.Moves.Select(m => m.Move));
        Assert.Equal(0.4, kept.LoadImbalanceBefore);
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM auto_plans"));
    }

    /// <summary>A plan as the auto mode keeps it in plan_only mode: one move of shop/d1 to local-b.</summary>
    private Task KeepPlanAsync(DateTimeOffset at, string reason)
    {
        var plan = new RebalancingPlan
        {
            Moves = { new DomainMove { Library = "shop", DomainId = "d1", Target = new ClusterRef { Name = "local-b" } } },
            LoadImbalanceBefore = 0.4,
            LoadImbalanceAfter = 0.1,
            Explanation = "test",
        };
        return fixture.ExecuteAsync(
            "INSERT INTO auto_plans (planned_at, trigger, reason, plan) VALUES (@at, 'Threshold', @r, @p)", ("at", at), ("r", reason), ("p", plan.ToByteArray()));
    }
}
