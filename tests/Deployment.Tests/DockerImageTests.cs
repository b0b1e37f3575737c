using Xunit;

namespace Deployment.Tests;

/// <summary>
/// deploy/docker: one Dockerfile for the five hosts (no Docker engine runs here, so the images are not built): each
/// build names a project that exists and the assembly it produces, the health check probes the port the host serves
/// its health on, and the image runs as a user other than root.
/// </summary>
public sealed class DockerImageTests
{
    private static readonly string[] Dockerfile = File.ReadAllLines(Repository.PathOf("deploy", "docker", "Dockerfile"));

    [Fact]
    public void The_image_is_built_in_stages_and_runs_unprivileged_with_a_grpc_health_check()
    {
        var stages = Dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var runtime = Dockerfile.SkipWhile(l => !l.Contains(" AS runtime", StringComparison.Ordinal)).ToList();

        Assert.Contains(stages, s => s.Contains("dotnet/sdk", StringComparison.Ordinal) && s.EndsWith(" AS build", StringComparison.Ordinal));
        Assert.Contains(stages, s => s.Contains("dotnet/aspnet", StringComparison.Ordinal) && s.EndsWith(" AS runtime", StringComparison.Ordinal));
        var user = runtime.Single(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains(runtime, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Contains("grpc_health_probe -addr=", StringComparison.Ordinal));
        Assert.Contains(Dockerfile, l => l.Contains("go install github.com/grpc-ecosystem/grpc-health-probe@", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_build_names_an_existing_project_its_assembly_and_the_port_its_health_is_served_on()
    {
        var builds = File.ReadAllLines(Repository.PathOf("deploy", "docker", "build.sh"))
            .Where(l => l.StartsWith("build ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[1], p => (Project: p[2], Assembly: p[3], Port: p[4], Health: p[5]));

        Assert.Equal(5, builds.Count);
        Assert.All(Repository.Services, service =>
        {
            var build = builds[service.Name];
            Assert.Equal(($"services/{service.Project}/MultiCluster.{service.Project}.csproj", $"MultiCluster.{service.Project}.dll", $"{service.GrpcPort}", "grpc"), build);
        });
        var cluster = builds["localcluster"];
        Assert.Equal(("tools/LocalCluster/LocalCluster.csproj", "http"), (cluster.Project, cluster.Health));
        Assert.All(builds.Values, b => Assert.True(File.Exists(Repository.PathOf(b.Project)), $"{b.Project} does not exist"));
        Assert.Contains("<AssemblyName>LocalCluster</AssemblyName>", File.ReadAllText(Repository.PathOf(cluster.Project)), StringComparison.Ordinal);
    }
}
