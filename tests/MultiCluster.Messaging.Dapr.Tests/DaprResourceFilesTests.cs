using System.Text.Json;
using MultiCluster.TestInfrastructure;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>
/// The Dapr resources in dapr/ agree with what the services expect of them: no daprd runs here to load them, so
/// what would only show in a cluster (a component nobody subscribes through, an app id no policy applies to, a
/// sidecar retrying a call the caller counts as failed) is checked against the code's own settings.
/// </summary>
public sealed class DaprResourceFilesTests
{
    private static readonly string DaprDirectory = Path.Combine(RepositoryBuild.Root, "dapr");

    [Fact]
    public void The_pubsub_component_is_Redis_under_the_name_the_transport_uses()
    {
        var component = Resource("components/pubsub.yaml", "Component");

        Assert.Equal(new DaprOptions().PubSubName, Text(component, "metadata", "name"));
        Assert.Equal("pubsub.redis", Text(component, "spec", "type"));
    }

    [Theory]
    [InlineData("components/pubsub.yaml", "Component")]
    [InlineData("components/resiliency.yaml", "Resiliency")]
    public void Resources_are_scoped_to_exactly_the_services_app_ids(string file, string kind)
    {
        var scopes = ((YamlSequenceNode)Resource(file, kind)["scopes"]).Select(n => ((YamlScalarNode)n).Value!).Order(StringComparer.Ordinal);

        Assert.Equal(ServiceAppIds(), scopes);
    }

    [Fact]
    public void Service_invocation_is_never_retried_by_the_sidecar_and_every_service_has_a_timeout()
    {
        var apps = (YamlMappingNode)Node(Resource("components/resiliency.yaml", "Resiliency"), "spec", "targets", "apps");

        Assert.Equal(ServiceAppIds(), apps.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal));
        Assert.All(apps.Children.Values.Cast<YamlMappingNode>(), target =>
        {
            Assert.False(target.Children.ContainsKey("retry"), "a sidecar retry would repeat calls that are not idempotent");
            Assert.True(target.Children.ContainsKey("timeout"));
        });
    }

    [Fact]
    public void Every_attempt_of_a_publish_ends_before_the_service_gives_up_on_it()
    {
        var resiliency = Resource("components/resiliency.yaml", "Resiliency");
        var outbound = Node(resiliency, "spec", "targets", "components", new DaprOptions().PubSubName, "outbound");
        var timeout = Duration(Text(resiliency, "spec", "policies", "timeouts", Text(outbound, "timeout")));
        var retry = Node(resiliency, "spec", "policies", "retries", Text(outbound, "retry"));
        var retries = int.Parse(Text(retry, "maxRetries"), System.Globalization.CultureInfo.InvariantCulture);

        var worstCase = (timeout * (retries + 1)) + (Duration(Text(retry, "maxInterval")) * retries);

        Assert.True(worstCase < new DaprOptions().PublishTimeout, $"a publish may take {worstCase} in the sidecar, beyond the service's {new DaprOptions().PublishTimeout}");
    }

    [Fact]
    public void The_sidecar_configuration_traces_every_request_to_an_OTLP_collector()
    {
        var configuration = Resource("configuration.yaml", "Configuration");

        Assert.Equal("1", Text(configuration, "spec", "tracing", "samplingRate"));
        Assert.Equal("grpc", Text(configuration, "spec", "tracing", "otel", "protocol"));
        Assert.False(string.IsNullOrEmpty(Text(configuration, "spec", "tracing", "otel", "endpointAddress")));
    }

    // Service:Name of each service host, which is its Dapr app id.
    private static List<string> ServiceAppIds() =>
        Directory.GetFiles(Path.Combine(RepositoryBuild.Root, "services"), "appsettings.json", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("Service").GetProperty("Name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static YamlMappingNode Resource(string file, string kind)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(DaprDirectory, file)))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
        Assert.Equal("dapr.io/v1alpha1", Text(root, "apiVersion"));
        Assert.Equal(kind, Text(root, "kind"));
        return root;
    }

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : throw new KeyNotFoundException($"'{key}' is missing (path {string.Join('.', path)})"));

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;

    // Go durations as Dapr writes them here: a number of seconds or milliseconds.
    private static TimeSpan Duration(string text) => text.EndsWith("ms", StringComparison.Ordinal)
        ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], System.Globalization.CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));
}
