using System.Globalization;
using MultiCluster.TestInfrastructure;

namespace Tracing.Tests;

/// <summary>One tests/TraceHost process from its build output, ready (its PostgreSQL and Redis answer) before use.</summary>
public sealed class TraceHostProcess : IAsyncDisposable
{
    private readonly PeerProcess _process;

    private TraceHostProcess(PeerProcess process, int grpcPort)
    {
        _process = process;
        GrpcPort = grpcPort;
    }

    /// <summary>
    /// The key the test calls with and the hosts present to each other. Admin, because the relay's methods are not
    /// in MethodRoles and so need admin by its default rule.
    /// </summary>
    public const string Key = "tracing-tests-admin-key-0123456789abcdef";

    /// <summary>The key a host presents when it calls the other (Auth:OutgoingKey), held by the callee as "tracing-relay".</summary>
    public const string RelayKey = "tracing-relay-admin-key-0123456789abcdef";

    public int GrpcPort { get; }

    public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{GrpcPort}"));

    public string Log => _process.Output + _process.Errors;

    public static async Task<TraceHostProcess> StartAsync(string name, int grpcPort, (string Key, string Value)[] settings)
    {
        var httpPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Service__Name"] = name,
            ["Service__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Service__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Auth__Keys__0__Name"] = "tracing-tests",
            ["Auth__Keys__0__Role"] = "admin",
            ["Auth__Keys__0__Key"] = Key,
            ["Auth__Keys__1__Name"] = "tracing-relay",
            ["Auth__Keys__1__Role"] = "admin",
            ["Auth__Keys__1__Key"] = RelayKey,
            ["Auth__OutgoingKey"] = RelayKey,
            ["Health__RequireClusters"] = "false",
            ["Postgres__CreateDatabaseIfMissing"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var assembly = RepositoryBuild.Output(Path.Combine("tests", "TraceHost"), "TraceHost");
        var host = new TraceHostProcess(PeerProcess.Start("dotnet", Path.GetDirectoryName(assembly)!, environment, assembly), grpcPort);
        try
        {
            await HttpProbe.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{httpPort}/readyz"), () => $"TraceHost {name}'s output:\n{host.Log}");
            return host;
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
