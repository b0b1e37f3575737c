using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiCluster.Messaging.Invocation;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

/// <summary>A Grpc.Net.ClientFactory client pointed at another service by its app id (the local transport).</summary>
public sealed class LocalServiceClientTests
{
    [Fact]
    public async Task Client_calls_the_service_at_the_configured_address_of_its_app_id()
    {
        await using var discovery = await GrpcTestServer.StartAsync(app => app.MapGrpcHealthChecksService(), services: s => s.AddGrpcHealthChecks().AddCheck("up", () => HealthCheckResult.Healthy()));
        await using var provider = Client(new MessagingOptions { ServiceName = "orchestrator", Services = { ["discovery"] = discovery.Address.ToString() } });

        var response = await provider.GetRequiredService<Health.HealthClient>().CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Unknown_app_id_is_refused_naming_the_setting_to_add()
    {
        await using var provider = Client(new MessagingOptions { ServiceName = "orchestrator" });

        var failure = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<Health.HealthClient>);

        Assert.Contains("Messaging:Services:discovery", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_that_is_not_http_is_refused_with_an_example()
    {
        await using var provider = Client(new MessagingOptions { ServiceName = "orchestrator", Services = { ["discovery"] = "127.0.0.1:5101" } });

        var failure = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<Health.HealthClient>);

        Assert.Contains("http://127.0.0.1:5101", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Client(MessagingOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddGrpcClient<Health.HealthClient>().ToLocalService("discovery");
        return services.BuildServiceProvider();
    }
}
