using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Discovery.Extensions;
using MultiCluster.Messaging;
using MultiCluster.Messaging.Transport;
using MultiCluster.Orchestrator.Extensions;
using MultiCluster.Rebalancer.Extensions;
using MultiCluster.ServiceDefaults;
using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.Specialization.Extensions;
using Npgsql;

namespace Deployment.Tests;

/// <summary>
/// A service's host as its Program.cs builds it, in this process and never started: its appsettings.json, the YAML
/// folder and an environment as a deployment file gives it. Building runs the service's own configuration checks
/// (an unknown key, a value of the wrong form, a rule broken stops it with the key named) and its wiring.
/// </summary>
internal static class ServiceHost
{
    private static readonly Dictionary<string, Func<WebApplicationBuilder, WebApplicationBuilder>> Wiring = new(StringComparer.Ordinal)
    {
        ["Orchestrator"] = b => b.AddOrchestrator(),
        ["Discovery"] = b => b.AddDiscovery(),
        ["Specialization"] = b => b.AddSpecialization(),
        ["Rebalancer"] = b => b.AddRebalancer(),
    };

    /// <summary>The settings the service ends up with, read through its own code.</summary>
    public sealed record Resolved(int GrpcPort, int HttpPort, string Name, string Transport, string Database, VectorClustersOptions Clusters, IReadOnlyList<string> Topics);

    /// <summary>Builds the host of <paramref name="service"/> with <paramref name="environment"/> (environment-variable form, KEY__SUB=value).</summary>
    public static async Task<Resolved> BuildAsync(ServiceInfo service, IReadOnlyDictionary<string, string> environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = service.Directory, EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(environment.Select(p => KeyValuePair.Create(p.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)p.Value)));
        builder.AddServiceDefaults();
        Wiring[service.Project](builder);
        var topics = builder.Services.Where(d => d.ServiceType == typeof(EventSubscription)).Select(d => ((EventSubscription)d.ImplementationInstance!).Topic)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await using var app = builder.Build();
        var endpoint = app.Services.GetRequiredService<ServiceSettings>().Endpoint;
        var messaging = app.Services.GetRequiredService<MessagingOptions>();
        var database = app.Services.GetRequiredService<NpgsqlDataSource>();
        return new Resolved(
            endpoint.GrpcPort!.Value,
            endpoint.HttpPort!.Value,
            endpoint.Name,
            messaging.Transport,
            new NpgsqlConnectionStringBuilder(database.ConnectionString).Database ?? "",
            ClusterConfigurationLoader.Load(app.Configuration),
            topics);
    }
}
