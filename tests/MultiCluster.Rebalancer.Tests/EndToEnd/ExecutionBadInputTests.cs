using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>Bad requests of the execution RPCs are refused naming the field, and start nothing.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class ExecutionBadInputTests(RebalancerFixture fixture)
{
    [Fact]
    public async Task Bad_moves_throttles_and_texts_are_refused_naming_the_field_and_start_no_run()
    {
        var since = DateTimeOffset.UtcNow;
        var library = await PlacedLibrary.CreateAsync(fixture, "exec-bad", 30, 20);
        var domain = library.DomainOfBlob(0);
        var entry = library.Entry(domain);
        var elsewhere = Runs.OtherCluster(entry);
        var third = RebalancerFixture.ClusterNames.First(c => c != entry.Primary.Name && c != elsewhere);
        var good = Runs.Move(library, domain, elsewhere);
        ExecuteAdaptiveMigrationRequest With(Action<DomainMove> change, params DomainMove[] more)
        {
            var move = good.Clone();
            change(move);
            return new ExecuteAdaptiveMigrationRequest { Moves = { move }, Throttle = new AdaptiveThrottle() } is var r && more.Length > 0 ? Add(r, more) : r;
        }

        static ExecuteAdaptiveMigrationRequest Add(ExecuteAdaptiveMigrationRequest request, DomainMove[] more)
        {
            request.Moves.AddRange(more);
            return request;
        }

        var cases = new List<(ExecuteAdaptiveMigrationRequest, StatusCode, string)>
        {
            (new ExecuteAdaptiveMigrationRequest(), StatusCode.InvalidArgument, "moves:"),
            (With(m => m.Library = ""), StatusCode.InvalidArgument, "moves[0].library:"),
            (With(m => m.DomainId = ""), StatusCode.InvalidArgument, "moves[0].domain_id:"),
            (With(m => m.Target = null), StatusCode.InvalidArgument, "moves[0].target:"),
            (With(m => m.Target = new ClusterRef { Name = "nowhere" }), StatusCode.InvalidArgument, "moves[0].target:"),
            (With(m => m.Library = "no-such-library"), StatusCode.InvalidArgument, "moves[0].domain_id:"),
            (With(m => m.DomainId = "d9999"), StatusCode.InvalidArgument, "moves[0].domain_id:"),
            (With(m => m.Target = entry.Primary), StatusCode.InvalidArgument, "moves[0].target:"),
            (With(m => m.Source = new ClusterRef { Name = third }), StatusCode.InvalidArgument, "moves[0].source:"),
            (With(m => m.Source = new ClusterRef { Name = elsewhere }), StatusCode.InvalidArgument, "moves[0].target:"),
            (With(_ => { }, good.Clone()), StatusCode.InvalidArgument, "moves[1].domain_id:"),
            (new ExecuteAdaptiveMigrationRequest { Moves = { good }, Throttle = new AdaptiveThrottle { MaxConcurrentMoves = 17 } }, StatusCode.InvalidArgument, "throttle.max_concurrent_moves:"),
            (new ExecuteAdaptiveMigrationRequest { Moves = { good }, Throttle = new AdaptiveThrottle { MaxErrorRate = 1.5 } }, StatusCode.InvalidArgument, "throttle.max_error_rate:"),
            (new ExecuteAdaptiveMigrationRequest { Moves = { good }, Throttle = new AdaptiveThrottle { TargetLatencyP99Ms = -1 } }, StatusCode.InvalidArgument, "throttle.target_latency_p99_ms:"),
            (new ExecuteAdaptiveMigrationRequest { Moves = { good }, Reason = new string('r', 1_001) }, StatusCode.InvalidArgument, "reason:"),
            (new ExecuteAdaptiveMigrationRequest { Moves = { good }, RequestId = new string('k', 201) }, StatusCode.InvalidArgument, "request_id:"),
        };

        await LoadReports.AssertRefusedAsync(r => fixture.Client.ExecuteAdaptiveMigrationAsync(r), cases);
        Assert.Empty((await Runs.HistoryAsync(fixture, since)).Records);
    }

    [Fact]
    public async Task Bad_history_requests_and_an_unknown_watched_run_are_refused_naming_the_field()
    {
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        await LoadReports.AssertRefusedAsync(r => fixture.Client.GetRebalancingHistoryAsync(r), new List<(GetRebalancingHistoryRequest, StatusCode, string)>
        {
            (new GetRebalancingHistoryRequest { Pagination = new Pagination { PageToken = "not-a-token" } }, StatusCode.InvalidArgument, "pagination.page_token:"),
            (new GetRebalancingHistoryRequest { TimeRange = new TimeRange { StartTime = now, EndTime = now } }, StatusCode.InvalidArgument, "time_range:"),
            (new GetRebalancingHistoryRequest { Triggers = { (RebalancingTrigger)99 } }, StatusCode.InvalidArgument, "triggers[0]:"),
            (new GetRebalancingHistoryRequest { Triggers = { RebalancingTrigger.Unspecified } }, StatusCode.InvalidArgument, "triggers[0]:"),
        });

        using var watch = fixture.Client.WatchRebalancing(new WatchRebalancingRequest { OperationId = "no-such-run" }, deadline: DateTime.UtcNow.Add(Bounded.Timeout));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("operation_id:", unknown.Status.Detail, StringComparison.Ordinal);
    }
}
