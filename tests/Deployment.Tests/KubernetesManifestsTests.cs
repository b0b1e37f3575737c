using Xunit;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>
/// deploy/kubernetes against the Kubernetes API's schemas (kubernetes-models) and the Dapr resources it includes
/// against Dapr's CRDs, and against what the services need: their app ids, ports, probes, secrets and clusters file.
/// </summary>
public sealed class KubernetesManifestsTests
{
    private static readonly string Base = Repository.PathOf("deploy", "kubernetes", "base");
    private static readonly string CloudOverlay = Repository.PathOf("deploy", "kubernetes", "overlays", "qdrant-cloud");

    [Fact]
    public async Task Every_manifest_the_kustomizations_load_is_valid_against_its_schema()
    {
        var files = Kustomization.Load(Base).ResourceFiles().Concat(Kustomization.Load(CloudOverlay).ResourceFiles()).Distinct().ToList();

        var verdicts = await ManifestValidator.ValidateAsync(files);

        var invalid = verdicts.Where(v => v.Errors.Count > 0).ToList();
        Assert.True(invalid.Count == 0, string.Join('\n', invalid));
        var kinds = verdicts.Select(v => v.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "Deployment", "StatefulSet", "Service", "Secret", "ConfigMap", "Namespace", "Component", "Resiliency", "Configuration" }, kinds);
        Assert.Equal(3, verdicts.Count(v => v.Kind == "StatefulSet" && v.Name.StartsWith("qdrant-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_validator_refuses_what_the_API_server_would()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-manifests-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: no-selector }
            spec:
              template:
                spec:
                  containers: [{ name: c, image: i, ports: [{ containerPort: "80" }], readinessProbe: { grpc: { port: grpc } } }]
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata: { name: typo }
            spec:
              policies: { retries: { publish: { policy: constant, maxRetrys: 3 } } }
              targets: {}
            """);
        try
        {
            var verdicts = await ManifestValidator.ValidateAsync([file]);

            Assert.Equal(2, verdicts.Count);
            Assert.Contains(verdicts[0].Errors, e => e.Contains("selector", StringComparison.Ordinal));
            Assert.Contains(verdicts[0].Errors, e => e.Contains("containerPort must be integer", StringComparison.Ordinal));
            Assert.Contains(verdicts[0].Errors, e => e.Contains("grpc/port must be integer", StringComparison.Ordinal));
            Assert.Contains(verdicts[1].Errors, e => e.Contains("maxRetrys", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<string> ServiceNames() => [.. Repository.Services.Select(s => s.Project)];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Each_service_runs_with_its_Dapr_sidecar_and_grpc_probes_on_its_own_port(string project)
    {
        var service = Repository.Service(project);
        var manifests = Yaml.Documents(Path.Combine(Base, $"{service.Name}.yaml"));
        var deployment = manifests.Single(m => m.Text("kind") == "Deployment");
        var container = deployment.Items("spec", "template", "spec", "containers").Single();
        var annotations = deployment.Entries("spec", "template", "metadata", "annotations").ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value);
        var daprConfiguration = Yaml.Document(Repository.PathOf("dapr", "configuration.yaml")).Text("metadata", "name");

        Assert.Equal("true", annotations["dapr.io/enabled"]);
        Assert.Equal(service.Name, annotations["dapr.io/app-id"]);
        Assert.Equal($"{service.GrpcPort}", annotations["dapr.io/app-port"]);
        Assert.Equal("grpc", annotations["dapr.io/app-protocol"]);
        Assert.Equal(daprConfiguration, annotations["dapr.io/config"]);
        Assert.Equal($"{service.HttpPort}", annotations["prometheus.io/port"]);
        Assert.Equal($"{service.GrpcPort}", container.Text("readinessProbe", "grpc", "port"));
        Assert.Equal($"{service.GrpcPort}", container.Text("startupProbe", "grpc", "port"));
        Assert.NotNull(container.Find("livenessProbe"));
        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.NotNull(container.Text("resources", kind, "cpu"));
            Assert.NotNull(container.Text("resources", kind, "memory"));
        }

        var ports = container.Items("ports").ToDictionary(p => p.Text("name")!, p => p.Text("containerPort"));
        Assert.Equal($"{service.GrpcPort}", ports["grpc"]);
        Assert.Equal($"{service.HttpPort}", ports["http"]);
        var kubernetesService = manifests.Single(m => m.Text("kind") == "Service");
        Assert.Equal(service.Name, kubernetesService.Text("metadata", "name"));
        Assert.Equal(["grpc", "http"], kubernetesService.Items("spec", "ports").Select(p => p.Text("targetPort")!).Order());
    }

    [Fact]
    public void Every_Secret_key_and_ConfigMap_a_workload_uses_is_defined_in_the_base()
    {
        var manifests = Kustomization.Load(Base).ResourceFiles().SelectMany(Yaml.Documents).ToList();
        var secrets = Secrets(manifests);
        var configMaps = manifests.Where(m => m.Text("kind") == "ConfigMap").Select(m => m.Text("metadata", "name")).ToHashSet();
        var workloads = manifests.Where(m => m.Text("kind") is "Deployment" or "StatefulSet").ToList();
        var missing = new List<string>();
        foreach (var workload in workloads)
        {
            var pod = workload.Find("spec", "template", "spec")!;
            foreach (var container in pod.Items("containers"))
            {
                foreach (var variable in container.Items("env").Where(v => v.Find("valueFrom", "secretKeyRef") is not null))
                {
                    var (name, key) = (variable.Text("valueFrom", "secretKeyRef", "name")!, variable.Text("valueFrom", "secretKeyRef", "key")!);
                    if (!secrets.TryGetValue(name, out var data) || !data.ContainsKey(key))
                    {
                        missing.Add($"{workload.Text("metadata", "name")}: secret {name} key {key}");
                    }
                }
            }

            foreach (var volume in pod.Items("volumes").Where(v => v.Find("configMap") is not null))
            {
                if (!configMaps.Contains(volume.Text("configMap", "name")))
                {
                    missing.Add($"{workload.Text("metadata", "name")}: configMap {volume.Text("configMap", "name")}");
                }
            }
        }

        Assert.Empty(missing);
        Assert.Equal(4, workloads.Count(w => w.Find("spec", "template", "metadata", "annotations", "dapr.io/enabled") is not null));
    }

    [Fact]
    public void The_clusters_files_pass_the_services_own_loader_and_name_the_in_cluster_Qdrant_servers()
    {
        var manifests = Kustomization.Load(Base).ResourceFiles().SelectMany(Yaml.Documents).ToList();
        var keys = Secrets(manifests)["multicluster-cluster-keys"];
        var clusters = ClustersFile.Parse(ClustersFile.FromConfigMap(manifests), "the clusters ConfigMap", keys);
        var qdrantServices = manifests.Where(m => m.Text("kind") == "Service" && m.Text("metadata", "name")!.StartsWith("qdrant-", StringComparison.Ordinal))
            .ToDictionary(m => m.Text("metadata", "name")!, m => m.Items("spec", "ports").Select(p => int.Parse(p.Text("port")!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());

        Assert.Equal(3, clusters.Clusters.Count);
        Assert.Equal(3, clusters.Clusters.Select(c => c.Region).Distinct().Count());
        Assert.All(clusters.Clusters, c =>
        {
            Assert.Contains(c.Url.Host, qdrantServices.Keys);
            Assert.Contains(c.Url.Port, qdrantServices[c.Url.Host]);
            Assert.Contains(c.EffectiveGrpcUrl.Port, qdrantServices[c.Url.Host]);
            Assert.False(string.IsNullOrEmpty(c.ApiKey), $"{c.Name} has no key in the Secret multicluster-cluster-keys");
        });
    }

    [Fact]
    public void The_external_Qdrant_overlay_drops_the_in_cluster_servers_and_keys_each_of_its_clusters()
    {
        var overlay = Kustomization.Load(CloudOverlay);
        var baseNames = Kustomization.Load(Base).ResourceFiles().SelectMany(Yaml.Documents).Select(m => (m.Text("kind"), m.Text("metadata", "name"))).ToHashSet();
        var deleted = overlay.InlinePatches().Where(p => p.Text("$patch") == "delete").Select(p => (p.Text("kind"), p.Text("metadata", "name"))).ToList();
        var keys = File.ReadAllLines(Assert.Single(overlay.GeneratorFiles("secretGenerator", "multicluster-cluster-keys")))
            .Where(l => l.Contains('=', StringComparison.Ordinal)).ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var clusters = ClustersFile.Parse(File.ReadAllText(Assert.Single(overlay.GeneratorFiles("configMapGenerator", "multicluster-clusters"))), "the overlay's clusters.yaml", keys);

        Assert.Equal(6, deleted.Count);
        Assert.All(deleted, d => Assert.Contains(d, baseNames));
        Assert.Equal(baseNames.Count(n => n.Item2!.StartsWith("qdrant-", StringComparison.Ordinal)), deleted.Count);
        Assert.All(clusters.Clusters, c => Assert.False(string.IsNullOrEmpty(c.ApiKey), $"{c.Name} has no CLUSTERS__..._API_KEY in cluster-keys.env"));
        Assert.All(clusters.Clusters, c => Assert.Equal("https", c.Url.Scheme));
    }

    internal static Dictionary<string, Dictionary<string, string>> Secrets(IEnumerable<YamlMappingNode> manifests) =>
        manifests.Where(m => m.Text("kind") == "Secret").ToDictionary(
            m => m.Text("metadata", "name")!,
            m => m.Entries("stringData").ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "", StringComparer.Ordinal),
            StringComparer.Ordinal);
}
