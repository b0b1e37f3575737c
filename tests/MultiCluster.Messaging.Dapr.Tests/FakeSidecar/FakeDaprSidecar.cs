using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Dapr.AppCallback.Autogen.Grpc.v1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>
/// A FAKE Dapr sidecar, written for tests from Dapr's documented API and public source, because no daprd binary can
/// run here. It stands for the whole Dapr side of the mesh at once (every app's sidecar and the pub/sub broker) on
/// one real Kestrel port speaking h2c: dapr.proto.runtime.v1.Dapr/PublishEvent records each event and delivers it to
/// the subscribed apps through their AppCallback.OnTopicEvent over real gRPC (<see cref="FakePubSub"/>), and calls
/// carrying dapr-app-id are proxied to the registered app's gRPC server (<see cref="FakeInvocationProxy"/>). Not faked
/// away: Grpc.AspNetCore and Grpc.Net.Client on both ends, Dapr.Client publishing, Dapr.Protos' messages, the wire
/// format, the app's callback service, its DI wiring.
/// </summary>
public sealed class FakeDaprSidecar : IAsyncDisposable
{
    private readonly GrpcTestServer _server;
    private readonly FakeApps _apps;
    private readonly FakePubSub _pubSub;
    private readonly FakeInvocationProxy _proxy;

    private FakeDaprSidecar(GrpcTestServer server, FakeApps apps, FakePubSub pubSub, FakeInvocationProxy proxy)
    {
        _server = server;
        _apps = apps;
        _pubSub = pubSub;
        _proxy = proxy;
    }

    public int Port => _server.Port;

    public Uri Address => _server.Address;

    public Recording<PublishedEvent> Published => _pubSub.Published;

    public Recording<DeliveryAttempt> Deliveries => _pubSub.Deliveries;

    public Recording<ProxiedCall> ProxiedCalls => _proxy.Calls;

    /// <summary>Starts the fake; with <paramref name="requiredApiToken"/> it refuses calls without that dapr-api-token, as a sidecar with DAPR_API_TOKEN does.</summary>
    public static async Task<FakeDaprSidecar> StartAsync(string? requiredApiToken = null)
    {
        var apps = new FakeApps();
        var pubSub = new FakePubSub(apps);
        var apiToken = new FakeApiToken(requiredApiToken);
        var proxy = new FakeInvocationProxy(apps, apiToken);
        var server = await GrpcTestServer.StartAsync(
            app =>
            {
                app.Use(proxy.InvokeAsync);
                app.MapGrpcService<FakeDaprApi>();
            },
            services: services => services.AddSingleton(pubSub).AddSingleton(apiToken));
        return new FakeDaprSidecar(server, apps, pubSub, proxy);
    }

    /// <summary>What daprd does when its app comes up: asks the app for its subscriptions (and knows where to proxy to it).</summary>
    public async Task<IReadOnlyList<TopicSubscription>> RegisterAppAsync(string appId, Uri address, string? appApiToken = null) =>
        (await _apps.RegisterAsync(appId, address, appApiToken)).Subscriptions;

    /// <summary>The broker delivering <paramref name="published"/> again, to the instance of the app registered now.</summary>
    public void Redeliver(string appId, PublishedEvent published) => _pubSub.Redeliver(appId, published);

    public async ValueTask DisposeAsync()
    {
        await _pubSub.DisposeAsync();
        await _server.DisposeAsync();
        _proxy.Dispose();
        _apps.Dispose();
    }
}
