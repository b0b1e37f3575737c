using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiCluster.ServiceDefaults.Hosting;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A host built exactly as a service's Program.cs builds one (AddServiceDefaults, MapDefaultEndpoints, its services),
/// on free ports (Service:GrpcPort=0, Service:HttpPort=0), with the three test keys and its logs captured.
/// </summary>
public sealed class DefaultsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownRoot;
    private bool _stopped;

    private DefaultsHost(WebApplication app, CapturedLogs logs, TempDirectory? ownRoot)
    {
        _app = app;
        Logs = logs;
        _ownRoot = ownRoot;
        Http = new HttpClient { BaseAddress = Listeners.HttpAddress };
    }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public ServiceListeners Listeners => _app.Services.GetRequiredService<ServiceListeners>();

    public HttpClient Http { get; }

    public CallGate Gate => _app.Services.GetRequiredService<CallGate>();

    /// <summary>
    /// Builds and starts the host. <paramref name="settings"/> override the defaults here (null removes one);
    /// <paramref name="configure"/> runs before AddServiceDefaults, as anything in a Program.cs before it would.
    /// </summary>
    public static async Task<DefaultsHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string? contentRoot = null)
    {
        var builder = CreateBuilder(settings, contentRoot, out var logs, out var ownRoot);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<CallGate>();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<TestDiscoveryService>();
        app.MapGrpcService<TestSpecializationService>();
        await app.StartAsync().Within();
        return new DefaultsHost(app, logs, ownRoot);
    }

    /// <summary>The builder with test settings, for tests that expect AddServiceDefaults to refuse them.</summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? settings, string? contentRoot, out CapturedLogs logs, out TempDirectory? ownRoot)
    {
        ownRoot = contentRoot is null ? new TempDirectory() : null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot ?? ownRoot!.Path,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        var all = new Dictionary<string, string?>(TestKeys.Settings())
        {
            ["Service:Name"] = "defaults-test",
            ["Service:GrpcPort"] = "0",
            ["Service:HttpPort"] = "0",
            ["Service:ShutdownTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Debug",

            // No cluster runs for these tests; the clusters check is tested where one does (Integration.Tests).
            ["Health:RequireClusters"] = "false",

            // The console (JSON) gets warnings only, so test output stays readable; the captured logs get everything.
            ["Logging:Console:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all.Where(s => s.Value is not null));
        logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        return builder;
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Listeners.GrpcAddress, options ?? new GrpcChannelOptions());

    /// <summary>Call options carrying <paramref name="key"/> in x-api-key (or as a Bearer token).</summary>
    public static CallOptions WithKey(string? key, bool bearer = false)
    {
        var headers = new Metadata();
        if (key is not null)
        {
            headers.Add(bearer ? "authorization" : "x-api-key", bearer ? "Bearer " + key : key);
        }

        return new CallOptions(headers, DateTime.UtcNow + Bounded.Timeout, CancellationToken.None);
    }

    /// <summary>Stops as SIGTERM would; returns when the host has stopped.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync().Within();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_stopped)
        {
            using var bound = new CancellationTokenSource(Bounded.Timeout);
            await _app.StopAsync(bound.Token);
        }

        await _app.DisposeAsync();
        _ownRoot?.Dispose();
    }
}
