using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiCluster.Messaging.Local;
using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>
/// One instance of a service as far as messaging goes: its own container, Redis connection and consumer name, wired
/// with the same registrations a host uses. Stopping it is how a test kills an instance mid-work.
/// </summary>
internal sealed class MessagingNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private List<IHostedService> _started = [];

    private MessagingNode(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;

    public IEventPublisher Publisher => _provider.GetRequiredService<IEventPublisher>();

    public IEventSubscriber Subscriber => _provider.GetRequiredService<IEventSubscriber>();

    public IDatabase Redis => _provider.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    public string ConsumerName => _provider.GetRequiredService<RedisStreamsOptions>().ConsumerName;

    public static MessagingNode Create(string redis, string service, Action<IServiceCollection>? services = null, RedisStreamsOptions? delivery = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddRedis(new RedisOptions { ConnectionString = redis });
        collection.AddMessaging(new MessagingOptions { ServiceName = service });
        collection.AddLocalTransport(delivery ?? Delivery.Fast());
        services?.Invoke(collection);
        return new MessagingNode(collection.BuildServiceProvider());
    }

    /// <summary>Starts the hosted services (migrations, subscribers, relay) in registration order, as a host does.</summary>
    public async Task<MessagingNode> StartAsync()
    {
        var hosted = _provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).Within();
            _started.Add(service);
        }

        return this;
    }

    /// <summary>Stops the instance: consumers are cancelled, in-flight events stay unacknowledged.</summary>
    public async Task StopAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(bound.Token).Within();
        }

        _started = [];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
    }
}
