using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>The adaptive throttle pauses a move while its target is slow and resumes it once the target recovers.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class ThrottleTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task A_move_pauses_while_its_target_reports_a_p99_over_the_throttle_and_resumes_to_success_after()
    {
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-throttle", 60, 20);
        var domain = library.DomainOfBlob(0);
        var target = Runs.OtherCluster(library.Entry(domain));
        using var slow = new CancellationTokenSource();
        // The target reports a p99 of 500 ms (over the throttle's 100) until the move is seen paused; then nothing,
        // and the reports age out of the throttle's window.
        var reporting = Task.Run(async () =>
        {
            while (!slow.IsCancellationRequested)
            {
                var load = new ClusterLoad { Cluster = new ClusterRef { Name = target }, RequestRatePerSecond = 10, LatencyP99Ms = 500 };
                await LoadReports.PublishAsync(fixture, LoadReports.Report("throttle-test", DateTimeOffset.UtcNow, load));
                await Task.Delay(200, CancellationToken.None);
            }
        });

        var operationId = await Runs.ExecuteAsync(fixture, new ExecuteAdaptiveMigrationRequest
        {
            Moves = { Runs.Move(library, domain, target) },
            Throttle = new AdaptiveThrottle { MaxPointsPerSecond = 5, TargetLatencyP99Ms = 100 },
        });
        var paused = false;
        var resumed = false;
        var watched = await Runs.WatchToEndAsync(fixture, operationId, message =>
        {
            if (message.Moves[0].State == OperationState.Paused && message.Progress.Message.Contains($"paused: {target} p99 500 ms > 100 ms", StringComparison.Ordinal))
            {
                paused = true;
                slow.Cancel();
            }

            resumed |= paused && message.Progress.Message.Contains("resumed", StringComparison.Ordinal);
        });
        await slow.CancelAsync();
        await reporting.Within();

        Assert.True(paused, "the move was never seen paused by the throttle");
        Assert.True(resumed, "the move was never seen resumed");
        Assert.Equal(OperationState.Succeeded, watched[^1].Progress.State);
        Assert.Equal(OperationState.Succeeded, watched[^1].Moves[0].State);
    }
}
