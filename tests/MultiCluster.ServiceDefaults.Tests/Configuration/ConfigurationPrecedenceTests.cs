using Microsoft.Extensions.Configuration;
using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Configuration;

/// <summary>appsettings.json &lt; config/*.yaml (in name order) &lt; environment variables, in a host built with the defaults.</summary>
public sealed class ConfigurationPrecedenceTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _prefix = $"MCTEST_{Guid.NewGuid():N}_";
    private readonly List<string> _variables = [];

    [Fact]
    public async Task YamlOverridesAppsettings_AndTheEnvironmentOverridesYaml()
    {
        _root.Write("appsettings.json", """{ "Service": { "Name": "from-json", "DrainDelay": "00:00:00.100" }, "Health": { "PollInterval": "00:00:07" } }""");
        _root.Write("config/a-service-defaults.yaml", "Service:\n  Name: from-yaml\n  DrainDelay: 00:00:00.200\nHealth:\n  CheckTimeout: 00:00:03\n");
        _root.Write("config/b-later.yaml", "Service:\n  DrainDelay: 00:00:00.300\n");
        SetEnvironment("Service__Name", "from-env");

        await using var host = await DefaultsHost.StartAsync(
            new Dictionary<string, string?> { ["Service:Name"] = null },
            builder => builder.Configuration.AddEnvironmentVariables(_prefix),
            _root.Path);

        var settings = (ServiceSettings)host.Services.GetService(typeof(ServiceSettings))!;
        Assert.Equal("from-env", settings.Endpoint.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings.Endpoint.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.Health.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Health.CheckTimeout);
        var files = Assert.Single(host.Logs.Entries, e => e.EventId == 11).Message;
        Assert.True(files.IndexOf("appsettings.json", StringComparison.Ordinal) < files.IndexOf("a-service-defaults.yaml", StringComparison.Ordinal));
        Assert.True(files.IndexOf("a-service-defaults.yaml", StringComparison.Ordinal) < files.IndexOf("b-later.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigDirectory_CanBeMovedFromTheEnvironment()
    {
        _root.Write("elsewhere/settings.yaml", "Telemetry:\n  TraceSampleRatio: 0.5\n");
        var builder = DefaultsHost.CreateBuilder(new Dictionary<string, string?> { ["Service:ConfigDirectory"] = "elsewhere" }, _root.Path, out _, out _);

        builder.AddServiceDefaults();

        Assert.Equal("0.5", builder.Configuration["Telemetry:TraceSampleRatio"]);
    }

    [Fact]
    public void SecretInAYamlFile_IsRefusedWithoutShowingIt()
    {
        const string secret = "yaml-secret-0123456789abcdef0123456789abcdef";
        _root.Write("config/keys.yaml", $"Auth:\n  Keys:\n    - Name: ops\n      Role: admin\n      Key: {secret}\n");
        var builder = DefaultsHost.CreateBuilder(new Dictionary<string, string?>(TestKeys.Settings().Keys.Select(k => KeyValuePair.Create(k, (string?)null))), _root.Path, out _, out _);

        var error = Assert.Throws<ServiceConfigurationException>(() => builder.AddServiceDefaults());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Auth:Keys:0:Key (env Auth__Keys__0__Key) is a secret and must come from the environment (Auth__Keys__0__Key=...)", problem, StringComparison.Ordinal);
        Assert.Contains("keys.yaml", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYamlFile_StopsTheHostNamingTheFile()
    {
        _root.Write("config/broken.yaml", "Service:\n  Name: [unclosed\n");
        var builder = DefaultsHost.CreateBuilder(null, _root.Path, out _, out _);

        var error = Assert.ThrowsAny<Exception>(() => builder.AddServiceDefaults());

        Assert.Contains("broken.yaml", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var variable in _variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        _root.Dispose();
    }

    // A variable only this test reads (its own prefix), so tests running alongside see nothing of it.
    private void SetEnvironment(string key, string value)
    {
        _variables.Add(_prefix + key);
        Environment.SetEnvironmentVariable(_prefix + key, value);
    }
}
