using Microsoft.Extensions.Configuration;
using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Configuration;

/// <summary>A wrong setting stops the host at start with a message naming the key, its environment form and what is expected.</summary>
public sealed class ConfigurationValidationTests
{
    [Fact]
    public void ValidSettings_BindToTheRecords()
    {
        var settings = Read(("Telemetry:TraceSampleRatio", "0.25"), ("Service:ShutdownTimeout", "00:00:03"), ("Health:PollInterval", "00:00:01"));

        Assert.Equal("discovery", settings.Endpoint.Name);
        Assert.Equal(5101, settings.Endpoint.GrpcPort);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Endpoint.ShutdownTimeout);
        Assert.Equal(0.25, settings.Telemetry.TraceSampleRatio);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Health.PollInterval);
        Assert.Equal(3, settings.Auth.Keys.Count);
        Assert.Equal(ServiceDefaults.Auth.Role.Service, settings.Auth.Keys[1].Role);
    }

    [Fact]
    public void PortOutOfRange_NamesTheKeyTheEnvironmentFormAndTheRange()
    {
        var problem = Assert.Single(Problems(("Service:GrpcPort", "70000")));

        Assert.Equal("Service:GrpcPort (env Service__GrpcPort) must be a port number from 0 to 65535 (0 picks a free port) (got '70000')", problem);
    }

    [Fact]
    public void PortThatIsNotANumber_SaysAWholeNumberIsExpected()
    {
        var problem = Assert.Single(Problems(("Service:HttpPort", "eighty")));

        Assert.Equal("Service:HttpPort (env Service__HttpPort) must be a whole number (got 'eighty')", problem);
    }

    [Fact]
    public void MissingPort_IsRequired()
    {
        var problem = Assert.Single(Problems(("Service:GrpcPort", null)));

        Assert.StartsWith("Service:GrpcPort (env Service__GrpcPort) is required", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltKey_IsAnErrorListingTheKnownSettings()
    {
        var problem = Assert.Single(Problems(("Service:GrpPort", "5000")));

        Assert.StartsWith("Service:GrpPort (env Service__GrpPort) is not a known setting (expected one of Name, ListenAddress, GrpcPort, HttpPort,", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BadDuration_ShowsTheDurationForm()
    {
        var problem = Assert.Single(Problems(("Service:ShutdownTimeout", "10s")));

        Assert.Equal("Service:ShutdownTimeout (env Service__ShutdownTimeout) must be a duration as hh:mm:ss, such as 00:00:10 (got '10s')", problem);
    }

    [Fact]
    public void UnknownRole_ListsTheRoles()
    {
        var problem = Assert.Single(Problems(("Auth:Keys:2:Role", "superuser")));

        Assert.Equal("Auth:Keys:2:Role (env Auth__Keys__2__Role) must be one of reader, service, admin (got 'superuser')", problem);
    }

    [Fact]
    public void BadListenAddressAndEqualPorts_AreAllReportedTogether()
    {
        var problems = Problems(("Service:ListenAddress", "localhost"), ("Service:HttpPort", "5101"), ("Telemetry:TraceSampleRatio", "2"));

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Service:ListenAddress (env Service__ListenAddress) must be an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Service:GrpcPort (env Service__GrpcPort) must differ from Service:HttpPort", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "Telemetry:TraceSampleRatio (env Telemetry__TraceSampleRatio) must be a number from 0 to 1, such as 0.25 (got '2')");
    }

    [Fact]
    public void AuthEnabledWithoutKeys_SaysHowToSetKeysOrDisableAuth()
    {
        var configuration = Configuration(TestKeys.Settings().Keys.Select(k => (k, (string?)null)).ToArray());

        var problem = Assert.Single(Assert.Throws<ServiceConfigurationException>(() => ServiceSettings.Read(configuration)).Problems);

        Assert.Contains("Auth:Keys (env Auth__Keys) has no key while Auth:Enabled is true", problem, StringComparison.Ordinal);
        Assert.Contains("Auth__Keys__0__Key", problem, StringComparison.Ordinal);
        Assert.Contains("Auth__Enabled=false", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthDisabled_NeedsNoKeys()
    {
        var configuration = Configuration([.. TestKeys.Settings().Keys.Select(k => (k, (string?)null)), ("Auth:Enabled", "false")]);

        var settings = ServiceSettings.Read(configuration);

        Assert.False(settings.Auth.Enabled);
    }

    [Fact]
    public void ShortKey_SaysHowToMakeOneWithoutShowingIt()
    {
        var problem = Assert.Single(Problems(("Auth:Keys:0:Key", "short-secret")));

        Assert.Equal("Auth:Keys:0:Key (env Auth__Keys__0__Key) must be at least 32 characters: generate one with openssl rand -hex 32 (value not shown: it is a secret)", problem);
    }

    [Fact]
    public void KeyOnTheCommandLine_IsRefused()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(Configuration(("Auth:Keys:0:Key", null)))
            .AddCommandLine([$"--Auth:Keys:0:Key={TestKeys.Admin}"])
            .Build();

        var problem = Assert.Single(Assert.Throws<ServiceConfigurationException>(() => ServiceSettings.Read(configuration)).Problems);

        Assert.Equal("Auth:Keys:0:Key (env Auth__Keys__0__Key) is a secret and must come from the environment (Auth__Keys__0__Key=...) or a mounted secret, not from the command line (any user can read it with ps); remove it there", problem);
    }

    [Fact]
    public void BadOtelVariable_IsNamed()
    {
        var problem = Assert.Single(Problems(("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")));

        Assert.Equal("OTEL_EXPORTER_OTLP_ENDPOINT (env OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http(s) URI such as http://127.0.0.1:4317 (got 'collector:4317')", problem);
    }

    [Fact]
    public void OtelVariable_IsTheEndpointWhenTelemetryNamesNone()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"));

        Assert.Equal(new Uri("http://collector:4317"), settings.Telemetry.OtlpEndpoint);
    }

    [Fact]
    public void MissingCertificateFile_NamesTheTlsKey()
    {
        var problem = Assert.Single(Problems(("Service:Tls:CertificatePath", "/nowhere/cert.pfx")));

        Assert.StartsWith("Service:Tls:CertificatePath (env Service__Tls__CertificatePath) must name a readable certificate file", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HostWithABadSetting_StopsInAddServiceDefaults()
    {
        var builder = DefaultsHost.CreateBuilder(new Dictionary<string, string?> { ["Service:GrpcPort"] = "-1" }, null, out _, out var root);
        using var ownRoot = root;

        var error = Assert.Throws<ServiceConfigurationException>(() => builder.AddServiceDefaults());

        Assert.Contains("Service:GrpcPort (env Service__GrpcPort) must be a port number from 0 to 65535", error.Message, StringComparison.Ordinal);
    }

    internal static IConfigurationRoot Configuration(params (string Key, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?>(TestKeys.Settings())
        {
            ["Service:Name"] = "discovery",
            ["Service:GrpcPort"] = "5101",
            ["Service:HttpPort"] = "5201",
        };
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build();
    }

    private static ServiceSettings Read(params (string Key, string? Value)[] overrides) => ServiceSettings.Read(Configuration(overrides));

    private static IReadOnlyList<string> Problems(params (string Key, string? Value)[] overrides) =>
        Assert.Throws<ServiceConfigurationException>(() => ServiceSettings.Read(Configuration(overrides))).Problems;
}
