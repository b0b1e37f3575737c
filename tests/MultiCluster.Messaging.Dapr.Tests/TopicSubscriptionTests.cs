using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>What the sidecar learns from ListTopicSubscriptions, and the start-up check that makes sure it can ask.</summary>
public sealed class TopicSubscriptionTests
{
    [Fact]
    public async Task ListTopicSubscriptions_ListsEverySubscribedTopicUnderThePubSubNameWithItsDeadLetterTopic()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var received = new Recording<ReceivedEvent>();
        await using var app = await DaprTestApp.StartAsync(
            sidecar,
            "rebalancer",
            s =>
            {
                s.Subscribe("cluster.load", Handlers.Record(received, "cluster.load"));
                s.Subscribe("routing.changed", Handlers.Record(received, "routing.changed"));
            },
            settings: new Dictionary<string, string?> { ["Messaging:Dapr:PubSubName"] = "events" },
            register: false);

        var subscriptions = await sidecar.RegisterAppAsync("rebalancer", app.Address).Within();

        Assert.Equal(
            [("events", "cluster.load", "cluster.load.dlq"), ("events", "routing.changed", "routing.changed.dlq")],
            subscriptions.Select(s => (s.PubsubName, s.Topic, s.DeadLetterTopic)).Order());
    }

    [Fact]
    public async Task EmptyDeadLetterSuffix_SubscribesWithoutADeadLetterTopic()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprTestApp.StartAsync(
            sidecar, "rebalancer", s => s.Subscribe("cluster.load", (_, _) => Task.CompletedTask),
            settings: new Dictionary<string, string?> { ["Messaging:Dapr:DeadLetterTopicSuffix"] = "" }, register: false);

        var subscription = Assert.Single(await sidecar.RegisterAppAsync("rebalancer", app.Address).Within());

        Assert.Equal("", subscription.DeadLetterTopic);
    }

    [Fact]
    public async Task SubscribingWithoutMappingTheAppCallback_RefusesToStartSayingWhatToCall()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:ServiceName"] = "rebalancer",
            ["Messaging:Transport"] = "dapr",
        }).Build();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => GrpcTestServer.StartAsync(
            app => app.Services.GetRequiredService<IEventSubscriber>().Subscribe("cluster.load", (_, _) => Task.CompletedTask),
            services: services => services.AddConfiguredMessaging(configuration)).Within());

        Assert.Contains("app.MapDaprAppCallback()", failure.Message, StringComparison.Ordinal);
    }
}
