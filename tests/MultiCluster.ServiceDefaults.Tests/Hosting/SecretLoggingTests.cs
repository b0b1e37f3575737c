using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.ServiceDefaults.Tests.Configuration;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Hosting;

/// <summary>No key, presented or configured, ever reaches a log line or a configuration message.</summary>
public sealed class SecretLoggingTests
{
    private const string WrongKey = "presented-but-unknown-0123456789abcdef0123";

    [Fact]
    public async Task Keys_NeverAppearInAnyLog_AtTraceLevel()
    {
        var host = await DefaultsHost.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        using (var channel = host.CreateChannel())
        {
            var discovery = new DiscoveryService.DiscoveryServiceClient(channel);
            await discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();
            await discovery.AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Admin, bearer: true)).ResponseAsync.Within();
            await Assert.ThrowsAsync<RpcException>(() => discovery.AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(TestKeys.Service)).ResponseAsync.Within());
            await Assert.ThrowsAsync<RpcException>(() => discovery.GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(WrongKey)).ResponseAsync.Within());
        }

        await host.DisposeAsync();
        var logs = host.Logs.AllText;

        Assert.Contains("API-key authentication is on with 3 keys: ops (admin), rebalancer (service), dashboard (reader).", logs, StringComparison.Ordinal);
        Assert.Contains("the API key is not one of the configured keys", logs, StringComparison.Ordinal);
        Assert.True(host.Logs.Entries.Count > 20, "Trace level should have logged plenty.");
        foreach (var secret in new[] { TestKeys.Admin, TestKeys.Service, TestKeys.Reader, WrongKey })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..16], logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConfigurationProblems_NeverQuoteAKey()
    {
        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceSettings.Read(ConfigurationValidationTests.Configuration(
            ("Auth:Keys:1:Key", TestKeys.Admin),
            ("Auth:Keys:2:Name", "has spaces"))));

        Assert.Equal(
            [
                "Auth:Keys:1:Key (env Auth__Keys__1__Key) must be unique: it is the same key as Auth:Keys:0:Key (value not shown: it is a secret)",
                "Auth:Keys:2:Name (env Auth__Keys__2__Name) must be 1 to 64 letters, digits, '.', '_' or '-' (got 'has spaces')",
            ],
            error.Problems);
        Assert.DoesNotContain(TestKeys.Admin, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Reader, error.Message, StringComparison.Ordinal);
    }
}
