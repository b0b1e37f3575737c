using System.Text.Json;
using MultiCluster.TestInfrastructure;

namespace Deployment.Tests;

/// <summary>The repository's files the tests read, and each service as its own appsettings.json describes it.</summary>
internal static class Repository
{
    public static string Root => RepositoryBuild.Root;

    /// <summary>The four services: project folder, Service:Name (the Dapr app id) and ports, from their appsettings.json.</summary>
    public static IReadOnlyList<ServiceInfo> Services { get; } = new[] { "Orchestrator", "Discovery", "Specialization", "Rebalancer" }
        .Select(Read)
        .ToList();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static ServiceInfo Service(string project) => Services.Single(s => s.Project == project);

    private static ServiceInfo Read(string project)
    {
        var directory = PathOf("services", project);
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "appsettings.json")));
        var service = settings.RootElement.GetProperty("Service");
        return new ServiceInfo(project, directory, service.GetProperty("Name").GetString()!, service.GetProperty("GrpcPort").GetInt32(), service.GetProperty("HttpPort").GetInt32());
    }
}

/// <summary>A service: its project (Discovery), folder, name (discovery) and the ports it listens on by default.</summary>
internal sealed record ServiceInfo(string Project, string Directory, string Name, int GrpcPort, int HttpPort)
{
    public override string ToString() => Name;
}
