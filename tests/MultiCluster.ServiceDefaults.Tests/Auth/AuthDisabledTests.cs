using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Auth;

/// <summary>Auth:Enabled=false, for a developer machine: every call passes, and the log says so loudly.</summary>
public sealed class AuthDisabledTests
{
    [Fact]
    public async Task AuthDisabled_LetsCallsThroughWithoutAKeyAndWarnsAtStart()
    {
        var settings = TestKeys.Settings().ToDictionary(s => s.Key, _ => (string?)null);
        settings["Auth:Enabled"] = "false";
        await using var host = await DefaultsHost.StartAsync(settings);
        using var channel = host.CreateChannel();

        var response = await new DiscoveryService.DiscoveryServiceClient(channel).AnalyzeDomainsAsync(new AnalyzeDomainsRequest(), DefaultsHost.WithKey(null)).ResponseAsync.Within();

        Assert.Equal("op-1", response.OperationId);
        var warning = Assert.Single(host.Logs.Entries, e => e.EventId == 1 && e.Category.EndsWith("AuthStartupLog", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.StartsWith("AUTHENTICATION IS DISABLED", warning.Message, StringComparison.Ordinal);
    }
}
