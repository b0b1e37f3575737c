using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Grpc.Services.HealthChecks;
using MultiCluster.Grpc.Services.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace MultiCluster.Grpc.Services.Tests.HealthChecks;

public sealed class HealthServiceTests : IAsyncLifetime
{
    private const string Greeter = "greet.v1.Greeter";
    private GrpcTestServer _server = null!;

    private HealthStatusRegistry Registry => _server.Services.GetRequiredService<HealthStatusRegistry>();

    public async Task InitializeAsync() => _server = await ServicesTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Check_WholeServer_ReturnsServing()
    {
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);

        var response = await client.CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();

        Assert.Equal(WireStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_KnownService_ReturnsItsStatus()
    {
        Registry.SetStatus(Greeter, ServingStatus.NotServing);
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);

        var response = await client.CheckAsync(new HealthCheckRequest { Service = Greeter }).ResponseAsync.Within();

        Assert.Equal(WireStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Check_UnknownService_ReturnsNotFound()
    {
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync.Within());

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("no.such.Service", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ReturnsEveryKnownStatus()
    {
        Registry.SetStatus(Greeter, ServingStatus.Serving);
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);

        var response = await client.ListAsync(new HealthListRequest()).ResponseAsync.Within();

        Assert.Equal(WireStatus.Serving, response.Statuses[""].Status);
        Assert.Equal(WireStatus.Serving, response.Statuses[Greeter].Status);
        Assert.Equal(2, response.Statuses.Count);
    }

    [Fact]
    public async Task Watch_StatusChanges_StreamsCurrentThenEachChangeUntilCancelled()
    {
        Registry.SetStatus(Greeter, ServingStatus.Serving);
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);
        using var cancel = new CancellationTokenSource();
        using var call = client.Watch(new HealthCheckRequest { Service = Greeter }, cancellationToken: cancel.Token);

        var first = await NextAsync(call.ResponseStream);
        Registry.SetStatus(Greeter, ServingStatus.NotServing);
        var second = await NextAsync(call.ResponseStream);
        await cancel.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).Within());

        Assert.Equal(WireStatus.Serving, first);
        Assert.Equal(WireStatus.NotServing, second);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await WaitUntilAsync(() => Registry.WatchCount == 0);
    }

    [Fact]
    public async Task Watch_UnknownService_SendsServiceUnknownAndStaysOpenUntilKnown()
    {
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);
        using var call = client.Watch(new HealthCheckRequest { Service = "later.v1.Service" });

        var first = await NextAsync(call.ResponseStream);
        Registry.SetStatus("later.v1.Service", ServingStatus.Serving);
        var second = await NextAsync(call.ResponseStream);
        Registry.ClearStatus("later.v1.Service");
        var third = await NextAsync(call.ResponseStream);

        Assert.Equal(WireStatus.ServiceUnknown, first);
        Assert.Equal(WireStatus.Serving, second);
        Assert.Equal(WireStatus.ServiceUnknown, third);
    }

    [Fact]
    public async Task ApplicationStopping_FlipsEveryStatusToNotServingForGood()
    {
        Registry.SetStatus(Greeter, ServingStatus.Serving);
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);

        _server.BeginStopping();
        Registry.SetStatus(Greeter, ServingStatus.Serving);
        var server = await client.CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();
        var greeter = await client.CheckAsync(new HealthCheckRequest { Service = Greeter }).ResponseAsync.Within();

        Assert.Equal(WireStatus.NotServing, server.Status);
        Assert.Equal(WireStatus.NotServing, greeter.Status);
    }

    [Fact]
    public async Task ApplicationStopping_WatchSeesNotServingThenEndsWithOk()
    {
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);
        using var call = client.Watch(new HealthCheckRequest());
        var first = await NextAsync(call.ResponseStream);

        _server.BeginStopping();
        var second = await NextAsync(call.ResponseStream);
        var more = await call.ResponseStream.MoveNext(CancellationToken.None).Within();

        Assert.Equal(WireStatus.Serving, first);
        Assert.Equal(WireStatus.NotServing, second);
        Assert.False(more);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(Bounded.Timeout);
        while (!condition())
        {
            await Task.Delay(10, bound.Token);
        }
    }

    private static async Task<WireStatus> NextAsync(IAsyncStreamReader<HealthCheckResponse> stream)
    {
        Assert.True(await stream.MoveNext(CancellationToken.None).Within(), "The watch ended before the next status.");
        return stream.Current.Status;
    }
}
