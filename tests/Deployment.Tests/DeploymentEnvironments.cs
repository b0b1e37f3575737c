using System.Text.RegularExpressions;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Messaging;
using MultiCluster.Messaging.Dapr;
using MultiCluster.ServiceDefaults;
using MultiCluster.ServiceDefaults.Auth;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Telemetry;
using MultiCluster.Storage.Postgres;
using MultiCluster.Storage.Redis;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>
/// The environment each deployment file gives a service, as the service would see it: the image's ENV
/// (deploy/docker/Dockerfile) under docker-compose's or the Deployment's variables, secrets resolved from the
/// manifests, compose's ${VAR:-default} and Kubernetes' $(VAR) expanded, and container paths mapped onto the
/// repository (the image copies config/ to /app/config; the clusters ConfigMap is written to a file).
/// </summary>
internal static partial class DeploymentEnvironments
{
    // MultiCluster.Clusters' EnvironmentOverrides (internal): CLUSTERS__<NAME>__<FIELD> and the default cluster's variable.
    private const string ClustersSection = "CLUSTERS";
    private const string ClustersDefault = "CLUSTERS_DEFAULT";

    /// <summary>Variables the service reads outside its configuration sections.</summary>
    public static readonly HashSet<string> KnownVariables = new(StringComparer.Ordinal)
    {
        ClusterConfigurationLoader.FileKey, ClusterOverridesFile.PathKey, ClustersDefault,
        DaprEnvironment.GrpcPortVariable, DaprEnvironment.ApiTokenVariable, DaprEnvironment.AppApiTokenVariable,
        TelemetryOptions.StandardEndpointVariable,
    };

    /// <summary>The first segment of every configuration key a service reads (its own section added per service).</summary>
    public static readonly HashSet<string> KnownSections = new(StringComparer.Ordinal)
    {
        ServiceEndpointOptions.Section, AuthOptions.Section, TelemetryOptions.Section, HealthOptions.Section, PostgresOptions.Section,
        RedisOptions.Section, MessagingOptions.Section, ClustersSection, "Logging",
    };

    private const string ContainerConfig = "/app/config";

    public static IReadOnlyDictionary<string, string> ImageEnvironment()
    {
        var lines = File.ReadAllLines(Repository.PathOf("deploy", "docker", "Dockerfile"));
        var runtime = lines.SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal) || !l.Contains(" AS runtime", StringComparison.Ordinal)).ToList();
        var text = string.Join('\n', runtime).Replace("\\\n", " ", StringComparison.Ordinal);
        var env = text.Split('\n').Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)).SelectMany(l => Assignment().Matches(l[4..]));
        return env.ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
    }

    /// <summary>docker-compose.yml's environment of <paramref name="service"/>, on top of the image's.</summary>
    public static Dictionary<string, string> Compose(YamlNode compose, string service)
    {
        var own = compose.Entries("services", service, "environment").ToDictionary(e => e.Key, e => ExpandCompose(((YamlScalarNode)e.Value).Value ?? ""), StringComparer.Ordinal);
        return ForContainer(own, clustersFile: null);
    }

    /// <summary>The Deployment's container environment, secrets taken from <paramref name="secrets"/> (name to data).</summary>
    public static Dictionary<string, string> Kubernetes(YamlNode container, IReadOnlyDictionary<string, Dictionary<string, string>> secrets, string clustersFile)
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.Items("envFrom"))
        {
            if (source.Text("secretRef", "name") is { } name && secrets.TryGetValue(name, out var data))
            {
                foreach (var (key, value) in data)
                {
                    own[key] = value;
                }
            }
        }

        foreach (var variable in container.Items("env"))
        {
            var name = variable.Text("name")!;
            own[name] = variable.Text("value") is { } value
                ? KubernetesReference().Replace(value, m => own.GetValueOrDefault(m.Groups[1].Value, m.Value))
                : secrets[variable.Text("valueFrom", "secretKeyRef", "name")!][variable.Text("valueFrom", "secretKeyRef", "key")!];
        }

        return ForContainer(own, clustersFile);
    }

    /// <summary>tye.yaml's env of a service (run with dotnet run in its project folder: no image, no mapping).</summary>
    public static Dictionary<string, string> Tye(YamlNode service) =>
        service.Items("env").ToDictionary(e => e.Text("name")!, e => e.Text("value") ?? "", StringComparer.Ordinal);

    /// <summary>Keys a deployment file sets that no part of the service reads (typos would be silently ignored otherwise).</summary>
    public static IEnumerable<string> UnknownKeys(IEnumerable<string> keys, ServiceInfo service, IEnumerable<string> helperVariables) =>
        keys.Where(key => !KnownVariables.Contains(key) && !helperVariables.Contains(key)
            && !KnownSections.Contains(key.Split("__")[0]) && key.Split("__")[0] != service.Project);

    private static Dictionary<string, string> ForContainer(Dictionary<string, string> own, string? clustersFile)
    {
        var environment = new Dictionary<string, string>(ImageEnvironment(), StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            environment[key] = value;
        }

        foreach (var key in environment.Keys.ToList())
        {
            environment[key] = environment[key].Replace(ContainerConfig, Repository.PathOf("config"), StringComparison.Ordinal);
        }

        // In the image the working directory is /app, where config/clusters.yaml is; here it is named explicitly.
        environment[ClusterConfigurationLoader.FileKey] = environment.TryGetValue(ClusterConfigurationLoader.FileKey, out var file) && clustersFile is not null && file.Length > 0
            ? clustersFile
            : Repository.PathOf("config", "clusters.yaml");
        return environment;
    }

    private static string ExpandCompose(string value) =>
        ComposeReference().Replace(value, m => Environment.GetEnvironmentVariable(m.Groups[1].Value) is { Length: > 0 } set ? set : m.Groups[3].Value);

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S*)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}")]
    private static partial Regex ComposeReference();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubernetesReference();
}
