using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Dapr.AppCallback.Autogen.Grpc.v1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>An app behind the fake: where its gRPC server listens, the token the sidecar presents to it, what it subscribed to.</summary>
public sealed record RegisteredApp(string AppId, Uri Address, string? AppApiToken, IReadOnlyList<TopicSubscription> Subscriptions, AppCallbackCaller Callback)
{
    /// <summary>The metadata the sidecar sends on its calls to the app: APP_API_TOKEN as dapr-api-token, when set.</summary>
    public Metadata CallHeaders() => Headers(AppApiToken);

    public static Metadata Headers(string? appApiToken) =>
        appApiToken is null ? [] : new Metadata { { DaprMetadata.ApiToken, appApiToken } };
}

/// <summary>
/// The apps the fake serves, by app id. Registering does what daprd does when its app starts with app protocol gRPC:
/// it asks the app's AppCallback.ListTopicSubscriptions once and keeps the answer.
/// </summary>
public sealed class FakeApps : IDisposable
{
    private readonly ConcurrentDictionary<string, RegisteredApp> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<GrpcChannel> _channels = [];

    public async Task<RegisteredApp> RegisterAsync(string appId, Uri address, string? appApiToken)
    {
        var channel = GrpcChannel.ForAddress(address);
        _channels.Add(channel);
        var callback = new AppCallbackCaller(channel.CreateCallInvoker());
        var response = await callback.ListTopicSubscriptionsAsync(new Empty(), RegisteredApp.Headers(appApiToken)).ResponseAsync.Within();
        var app = new RegisteredApp(appId, address, appApiToken, response.Subscriptions.ToList(), callback);
        _apps[appId] = app;
        return app;
    }

    public RegisteredApp? Find(string appId) => _apps.GetValueOrDefault(appId);

    public IEnumerable<(RegisteredApp App, TopicSubscription Subscription)> SubscribersOf(string pubSubName, string topic) =>
        from app in _apps.Values
        from subscription in app.Subscriptions
        where subscription.PubsubName == pubSubName && subscription.Topic == topic
        select (app, subscription);

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
