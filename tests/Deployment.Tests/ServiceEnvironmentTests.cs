using Xunit;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>
/// docker-compose.yml, tye.yaml and the Kubernetes Deployments give each service an environment its own code accepts:
/// each service's host is built in process with that environment (its configuration checks stop it on an unknown
/// key or a bad value), no variable is set that nothing reads, and the ports, app ids and addresses the files use
/// elsewhere (sidecar, probes, published ports, bindings) are the ones the service ends up listening on.
/// </summary>
public sealed class ServiceEnvironmentTests
{
    private static readonly YamlMappingNode Compose = Yaml.Document(Repository.PathOf("docker-compose.yml"));
    private static readonly YamlMappingNode TyeFile = Yaml.Document(Repository.PathOf("tye.yaml"));

    public static TheoryData<string> ServiceNames() => [.. Repository.Services.Select(s => s.Project)];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Compose_runs_the_service_with_a_daprd_sidecar_on_the_ports_and_settings_it_reads(string project)
    {
        var service = Repository.Service(project);
        var environment = DeploymentEnvironments.Compose(Compose, service.Name);
        var own = Compose.Entries("services", service.Name, "environment").Select(e => e.Key);

        var host = await ServiceHost.BuildAsync(service, environment);

        Assert.Empty(DeploymentEnvironments.UnknownKeys(own, service, []));
        Assert.Equal((service.Name, "dapr", service.Name), (host.Name, host.Transport, host.Database));
        Assert.Equal(["qdrant-a", "qdrant-b", "qdrant-c"], host.Clusters.Clusters.Select(c => c.Url.Host).Order());
        Assert.Equal(
            [$"{host.GrpcPort}:{host.GrpcPort}", $"{host.HttpPort}:{host.HttpPort}"],
            Compose.Strings("services", service.Name, "ports"));

        var sidecar = Compose.Find("services", $"{service.Name}-dapr")!;
        var command = sidecar.Strings("command").ToList();
        Assert.Equal($"service:{service.Name}", sidecar.Text("network_mode"));
        Assert.Equal(service.Name, After(command, "--app-id"));
        Assert.Equal($"{host.GrpcPort}", After(command, "--app-port"));
        Assert.Equal("grpc", After(command, "--app-protocol"));
        Assert.Equal(environment["DAPR_GRPC_PORT"], After(command, "--dapr-grpc-port"));
        Assert.Equal("/dapr/components", After(command, "--resources-path"));
        Assert.Contains("./dapr:/dapr:ro", sidecar.Strings("volumes"));
    }

    [Fact]
    public void Compose_runs_the_dependencies_the_services_and_sidecars_are_pointed_at()
    {
        var services = Compose.Entries("services").Select(e => e.Key).ToHashSet();
        var pubsub = Yaml.Document(Repository.PathOf("dapr", "components", "pubsub.yaml"));
        var redisHost = pubsub.Items("spec", "metadata").Single(m => m.Text("name") == "redisHost").Text("value")!;
        var collector = Yaml.Document(Repository.PathOf("dapr", "configuration.yaml")).Text("spec", "tracing", "otel", "endpointAddress")!;

        Assert.Superset(new HashSet<string> { "postgres", "redis", "qdrant-a", "qdrant-b", "qdrant-c", "jaeger", "prometheus", "grafana" }, services);
        Assert.Contains(redisHost.Split(':')[0], services);
        Assert.Contains(collector.Split(':')[0], Compose.Strings("services", "jaeger", "networks", "default", "aliases"));
        Assert.All(Repository.Services, s => Assert.Contains(s.Name + "-dapr", services));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Tye_runs_the_service_on_the_ports_and_settings_it_reads(string project)
    {
        var service = Repository.Service(project);
        var entry = TyeFile.Items("services").Single(s => s.Text("name") == service.Name);
        var environment = DeploymentEnvironments.Tye(entry);

        var host = await ServiceHost.BuildAsync(service, environment);

        Assert.Empty(DeploymentEnvironments.UnknownKeys(environment.Keys, service, []));
        Assert.Equal($"services/{project}/MultiCluster.{project}.csproj", entry.Text("project"));
        Assert.True(File.Exists(Repository.PathOf(entry.Text("project")!)));
        var bindings = entry.Items("bindings").ToDictionary(b => b.Text("name")!, b => (Port: b.Text("port"), Protocol: b.Text("protocol")));
        Assert.Equal(($"{host.GrpcPort}", "http2"), bindings["grpc"]);
        Assert.Equal(($"{host.HttpPort}", "http"), bindings["http"]);
        Assert.Equal("local", host.Transport);
    }

    [Fact]
    public void Tye_runs_the_clusters_PostgreSQL_and_Redis_where_the_services_defaults_look_for_them()
    {
        var services = TyeFile.Items("services").ToDictionary(s => s.Text("name")!, s => s);
        var clusters = MultiCluster.Clusters.Configuration.ClusterConfigurationLoader.Parse(File.ReadAllText(Repository.PathOf("config", "clusters.yaml")), "config/clusters.yaml", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        Assert.All(clusters.Clusters, c =>
        {
            var ports = services[c.Name].Items("bindings").Select(b => b.Text("port")).ToList();
            Assert.Contains($"{c.Url.Port}", ports);
            Assert.Contains($"{c.EffectiveGrpcUrl.Port}", ports);
            Assert.True(File.Exists(Repository.PathOf(services[c.Name].Text("project")!)));
        });
        Assert.Equal("15432", services["postgres"].Items("bindings").Single().Text("port"));
        Assert.Equal("16379", services["redis"].Items("bindings").Single().Text("port"));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task The_Kubernetes_Deployment_gives_the_service_settings_it_reads(string project)
    {
        var service = Repository.Service(project);
        var manifests = Kustomization.Load(Repository.PathOf("deploy", "kubernetes", "base")).ResourceFiles().SelectMany(Yaml.Documents).ToList();
        var container = manifests.Single(m => m.Text("kind") == "Deployment" && m.Text("metadata", "name") == service.Name).Items("spec", "template", "spec", "containers").Single();
        var clustersFile = ClustersFile.WriteFromConfigMap(manifests);
        try
        {
            var environment = DeploymentEnvironments.Kubernetes(container, KubernetesManifestsTests.Secrets(manifests), clustersFile);
            var own = container.Items("env").Select(v => v.Text("name")!).ToList();
            var helpers = container.Items("env").Select(v => v.Text("value") ?? "").SelectMany(v => own.Where(o => v.Contains($"$({o})", StringComparison.Ordinal))).ToList();

            var host = await ServiceHost.BuildAsync(service, environment);

            Assert.Empty(DeploymentEnvironments.UnknownKeys(own, service, helpers));
            Assert.Equal((service.Name, "dapr", service.Name), (host.Name, host.Transport, host.Database));
            Assert.Equal((service.GrpcPort, service.HttpPort), (host.GrpcPort, host.HttpPort));
            Assert.Equal(["qdrant-ap-south", "qdrant-eu-west", "qdrant-us-east"], host.Clusters.Clusters.Select(c => c.Name).Order());
            Assert.All(host.Clusters.Clusters, c => Assert.False(string.IsNullOrEmpty(c.ApiKey)));
        }
        finally
        {
            File.Delete(clustersFile);
        }
    }

    [Fact]
    public async Task A_misspelt_setting_in_a_deployment_file_would_be_caught()
    {
        var service = Repository.Service("Discovery");
        var environment = DeploymentEnvironments.Compose(Compose, service.Name);
        environment["Service__GrpcPrt"] = "5101";

        await Assert.ThrowsAnyAsync<Exception>(() => ServiceHost.BuildAsync(service, environment));
        Assert.Equal(["Servce__GrpcPort"], DeploymentEnvironments.UnknownKeys(["Servce__GrpcPort", "Service__GrpcPort"], service, []));
    }

    private static string? After(List<string> command, string flag) => command.IndexOf(flag) is var i and >= 0 && i + 1 < command.Count ? command[i + 1] : null;
}
