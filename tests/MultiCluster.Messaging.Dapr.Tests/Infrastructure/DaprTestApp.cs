using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Dapr.Invocation;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Testing;
using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Messaging.Dapr.Tests.Infrastructure;

/// <summary>
/// A service host on the dapr transport, wired as a real host is (<c>AddConfiguredMessaging</c> with
/// Messaging:Transport = dapr, <c>MapDaprAppCallback</c>), on a real Kestrel port, finding the fake sidecar through
/// DAPR_GRPC_PORT, and registered with it as daprd registers its app. With Redis:ConnectionString set, it shares
/// event deduplication through that Redis, as a host with Redis does.
/// </summary>
public sealed class DaprTestApp : IAsyncDisposable
{
    private readonly GrpcTestServer _server;

    private DaprTestApp(GrpcTestServer server) => _server = server;

    public Uri Address => _server.Address;

    public IServiceProvider Services => _server.Services;

    public IEventPublisher Publisher => Services.GetRequiredService<IEventPublisher>();

    /// <summary>The Echo client of the app named "specialization", reached through the sidecar (registered for every app).</summary>
    public Echo.EchoClient EchoClient => Services.GetRequiredService<Echo.EchoClient>();

    public static async Task<DaprTestApp> StartAsync(
        FakeDaprSidecar sidecar,
        string serviceName,
        Action<IEventSubscriber>? subscribe = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? map = null,
        bool register = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["Messaging:ServiceName"] = serviceName,
            ["Messaging:Transport"] = "dapr",
            ["DAPR_GRPC_PORT"] = sidecar.Port.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var server = await GrpcTestServer.StartAsync(
            app =>
            {
                subscribe?.Invoke(app.Services.GetRequiredService<IEventSubscriber>());
                app.MapDaprAppCallback();
                map?.Invoke(app);
            },
            services: services =>
            {
                // As hosts do (AddServiceMessaging): with Redis configured, processed event ids are shared by every
                // instance of the service, registered before the transport so they win over its per-instance default.
                if (!string.IsNullOrEmpty(configuration["Redis:ConnectionString"]))
                {
                    services.AddRedis(configuration).AddRedisEventDeduplication(configuration);
                }

                services.AddConfiguredMessaging(configuration);
                services.AddGrpcClient<Echo.EchoClient>().ThroughDaprSidecar("specialization");
            });
        var app = new DaprTestApp(server);
        if (register)
        {
            await sidecar.RegisterAppAsync(serviceName, server.Address, configuration[DaprEnvironment.AppApiTokenVariable]);
        }

        return app;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
