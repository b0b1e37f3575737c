using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.Local;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

public sealed class ServiceInvokerTests
{
    [Fact]
    public async Task Invoker_calls_the_service_at_the_configured_address_of_its_app_id()
    {
        await using var discovery = await GrpcTestServer.StartAsync(app => app.MapGrpcHealthService(), services: s => s.AddGrpcHealthChecks());
        using var invoker = new LocalServiceInvoker(new MessagingOptions
        {
            ServiceName = "orchestrator",
            Services = { ["discovery"] = discovery.Address.ToString() },
        });

        var client = new Health.HealthClient(invoker.CreateCallInvoker("discovery"));
        var response = await client.CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public void Unknown_app_id_is_refused_naming_the_setting_to_add()
    {
        using var invoker = new LocalServiceInvoker(new MessagingOptions { ServiceName = "orchestrator" });

        var failure = Assert.Throws<InvalidOperationException>(() => invoker.CreateCallInvoker("rebalancer"));

        Assert.Contains("Messaging:Services:rebalancer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_that_is_not_http_is_refused_with_an_example()
    {
        using var invoker = new LocalServiceInvoker(new MessagingOptions { ServiceName = "orchestrator", Services = { ["discovery"] = "127.0.0.1:5101" } });

        var failure = Assert.Throws<InvalidOperationException>(() => invoker.CreateCallInvoker("discovery"));

        Assert.Contains("http://127.0.0.1:5101", failure.Message, StringComparison.Ordinal);
    }
}
