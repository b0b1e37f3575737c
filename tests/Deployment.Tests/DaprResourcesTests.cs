using MultiCluster.Messaging.Dapr;
using Xunit;

namespace Deployment.Tests;

/// <summary>
/// dapr/ against Dapr's own CRD schemas (DaprCrds/, from github.com/dapr/dapr) and against the code: the subscriptions
/// written down are exactly the topics each service registers a handler for, as its app callback declares them.
/// (tests/MultiCluster.Messaging.Dapr.Tests checks the pub/sub, resiliency and tracing settings against the transport.)
/// </summary>
public sealed class DaprResourcesTests
{
    private static readonly string[] Files = Directory.GetFiles(Repository.PathOf("dapr"), "*.yaml", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Every_Dapr_resource_is_valid_against_the_CRD_schema_of_its_kind_and_version()
    {
        var verdicts = await ManifestValidator.ValidateAsync(Files);

        var invalid = verdicts.Where(v => v.Errors.Count > 0).ToList();
        Assert.True(invalid.Count == 0, string.Join('\n', invalid));
        Assert.Equal(["Component", "Configuration", "Resiliency", "Subscription"], verdicts.Select(v => v.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.All(verdicts, v => Assert.StartsWith("dapr.io/", v.ApiVersion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_subscriptions_are_the_topics_each_service_handles_with_the_transports_pubsub_and_dead_letter_topic()
    {
        var options = new DaprOptions();
        var written = Yaml.Documents(Repository.PathOf("dapr", "subscriptions.yaml"))
            .Select(s => (App: s.Strings("scopes").Single(), Topic: s.Text("spec", "topic")!, PubSub: s.Text("spec", "pubsubname"), DeadLetter: s.Text("spec", "deadLetterTopic")))
            .ToList();

        var registered = new List<(string App, string Topic)>();
        foreach (var service in Repository.Services)
        {
            var host = await ServiceHost.BuildAsync(service, HostEnvironment.Minimal(service, transport: "dapr"));
            registered.AddRange(host.Topics.Select(t => (service.Name, t)));
        }

        Assert.Equal(registered.Order(), written.Select(w => (w.App, w.Topic)).Order());
        Assert.All(written, w => Assert.Equal(options.PubSubName, w.PubSub));
        Assert.All(written, w => Assert.Equal(options.DeadLetterTopic(w.Topic), w.DeadLetter));
    }
}
