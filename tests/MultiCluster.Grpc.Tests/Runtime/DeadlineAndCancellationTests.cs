using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Grpc.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class DeadlineAndCancellationTests : IAsyncLifetime
{
    private readonly ProbeObservations _observed = new();
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<ProbeService>(), services: s => s.AddSingleton(_observed));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Deadline_ServerSlowerThanDeadline_ClientGetsDeadlineExceededAndHandlerIsCancelled()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var call = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 10_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await _observed.Cancelled.Task.Within();
    }

    [Fact]
    public async Task Deadline_IsSentAsGrpcTimeout_ServerSeesSameDeadline()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(20);

        await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 0 }, deadline: deadline).ResponseAsync.Within();

        var seen = await _observed.Deadline.Task.Within();
        Assert.InRange((deadline - seen).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Deadline_AlreadyPast_FailsWithoutWaiting()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryCallAsync(new SimpleRequest { ResponseSize = 5_000 }, deadline: DateTime.UtcNow.AddSeconds(-1)).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(3)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancel_ClientCancelsUnaryCall_ClientGetsCancelledAndServerHandlerIsCancelled()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);
        using var cts = new CancellationTokenSource();

        var call = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 10_000 }, cancellationToken: cts.Token);
        await _observed.Headers.Task.Within();
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await _observed.Cancelled.Task.Within();
    }

    [Fact]
    public async Task Cancel_DisposeServerStreamAfterFirstMessage_ServerHandlerIsCancelled()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var call = client.StreamingOutputCall(new StreamingOutputCallRequest());
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).Within());
        call.Dispose();

        await _observed.Cancelled.Task.Within();
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }
}
