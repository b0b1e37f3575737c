using CloudNative.CloudEvents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.Messaging.Transport;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

public sealed class RegistrationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Configuration_wires_the_local_transport_for_the_named_service()
    {
        await using var provider = Services(new()
        {
            ["Messaging:ServiceName"] = "discovery",
            ["Messaging:Services:specialization"] = "http://127.0.0.1:5102",
            ["Messaging:Redis:MaxDeliveries"] = "7",
            ["Redis:ConnectionString"] = redis.Server.ConnectionString,
        }).BuildServiceProvider();

        Assert.IsType<EventPublisher>(provider.GetRequiredService<IEventPublisher>());
        Assert.Equal(7, provider.GetRequiredService<Local.RedisStreamsOptions>().MaxDeliveries);
        Assert.Equal("discovery", provider.GetRequiredService<EventDispatcher>().ConsumerGroup);
    }

    [Theory]
    [InlineData(null, "local", "Messaging:ServiceName")]
    [InlineData("Discovery Service", "local", "Messaging:ServiceName")]
    [InlineData("discovery", "carrier-pigeon", "'local' or 'dapr'")]
    public void Wrong_messaging_settings_are_refused_naming_the_setting(string? serviceName, string transport, string expected)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Services(new()
        {
            ["Messaging:ServiceName"] = serviceName,
            ["Messaging:Transport"] = transport,
        }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_class_registered_for_a_topic_handles_its_events()
    {
        var topic = Support.Delivery.NewTopic();
        var received = new Received();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "rebalancer", services => services
            .AddSingleton(received)
            .AddEventHandler<RecordingHandler>(topic));
        await node.StartAsync();

        var sent = await node.Publisher.PublishAsync(topic, new Google.Protobuf.WellKnownTypes.StringValue { Value = "x" }).Within();

        await received.WaitForCountAsync(1);
        Assert.Equal(sent.Id, received.Ids.Single());
    }

    [Fact]
    public async Task Subscribing_after_the_transport_started_is_refused()
    {
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "rebalancer");
        node.Subscriber.Subscribe(Support.Delivery.NewTopic(), (_, _) => Task.CompletedTask);
        await node.StartAsync();

        var failure = Assert.Throws<InvalidOperationException>(() => node.Subscriber.Subscribe(Support.Delivery.NewTopic(), (_, _) => Task.CompletedTask));

        Assert.Contains("before the host starts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_handler_for_a_topic_is_refused()
    {
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "rebalancer");
        var topic = Support.Delivery.NewTopic();
        node.Subscriber.Subscribe(topic, (_, _) => Task.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => node.Subscriber.Subscribe(topic, (_, _) => Task.CompletedTask));
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMessaging(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }

    private sealed class RecordingHandler(Received received) : IEventHandler
    {
        public Task HandleAsync(CloudEvent cloudEvent, CancellationToken cancellationToken) => received.Handler(cloudEvent, cancellationToken);
    }
}
