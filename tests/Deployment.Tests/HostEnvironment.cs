namespace Deployment.Tests;

/// <summary>The least a service host needs to be built in process: the repository's config folder and a database name.</summary>
internal static class HostEnvironment
{
    public static Dictionary<string, string> Minimal(ServiceInfo service, string transport) => new(StringComparer.Ordinal)
    {
        ["Service__ConfigDirectory"] = Repository.PathOf("config"),
        ["Messaging__Transport"] = transport,
        ["Auth__Enabled"] = "false",
        ["CLUSTERS_FILE"] = Repository.PathOf("config", "clusters.yaml"),
        ["Postgres__ConnectionString"] = $"Host=127.0.0.1;Port=15432;Database={service.Name};Username=postgres",
    };
}
