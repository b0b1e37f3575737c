using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Configuration;

/// <summary>The repository's config/*.yaml (service-defaults.yaml; clusters.yaml is left to the cluster loader) passes validation as a service reads it.</summary>
public sealed class RepositoryConfigurationTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "repo-config");

    [Fact]
    public void RepositoryConfigFolder_LoadsAndValidates()
    {
        Assert.True(File.Exists(Path.Combine(Directory, "service-defaults.yaml")), "config/service-defaults.yaml was not copied beside the tests.");
        var builder = DefaultsHost.CreateBuilder(new Dictionary<string, string?> { ["Service:ConfigDirectory"] = Directory }, null, out _, out var root);
        using var ownRoot = root;

        builder.AddServiceDefaults();

        var settings = ServiceSettings.Read(builder.Configuration);
        Assert.True(settings.Auth.Enabled);
        Assert.Equal(1.0, settings.Telemetry.TraceSampleRatio);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Health.PollInterval);
        Assert.Null(builder.Configuration["default_cluster"]);
    }
}
