using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Testcontainers.Redis;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// A private Redis on a free loopback port, append-only file on and fsynced on every write (<c>appendfsync always</c>:
/// an event Redis acknowledged is on disk), snapshots off: a <c>redis:7.0</c> container (Testcontainers) when a Docker
/// engine answers, else a local redis-server with its own data folder. Crash tests <see cref="KillAsync"/> it (SIGKILL
/// locally; the container is stopped) and <see cref="RestartAsync"/> it on the same port and data, so what comes back
/// is what the append-only file kept.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Image = "redis:7.0";
    private const int ContainerPort = 6379;

    private readonly string _directory;
    private readonly RedisContainer? _container;
    private ServerProcess? _process;

    private RedisServer(string directory, int port, bool inContainer)
    {
        _directory = directory;
        Port = port;
        _container = inContainer
            ? new RedisBuilder(Image)
                .WithPortBinding(port, ContainerPort)
                .WithCommand("--appendonly", "yes", "--appendfsync", "always", "--save", "")
                .Build()
            : null;
    }

    public int Port { get; }

    /// <summary>host:port, the form StackExchange.Redis and redis-cli take.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(Directory.CreateTempSubdirectory("multicluster-redis-").FullName, FreePort.Next(), await DockerEngine.AnswersAsync());
        await server.LaunchAsync();
        TestServerLog.Started("Redis", server._container is null ? "local process" : $"Testcontainers {Image}", server.ConnectionString);
        return server;
    }

    /// <summary>Kills the server with SIGKILL, as a crash would (a container is stopped); it stays down until <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync()
    {
        if (_container is not null)
        {
            await _container.StopAsync();
        }
        else if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Kills the server if it runs, then starts it again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task LaunchAsync()
    {
        if (_container is not null)
        {
            // Started again after a stop, the container keeps its port binding and its append-only file.
            await _container.StartAsync();
            await WaitUntilReadyAsync(null);
            return;
        }

        if (!File.Exists("/usr/bin/redis-server"))
        {
            throw new InvalidOperationException("redis-server not found: install the Debian package 'redis-server' (test.sh does).");
        }

        _process = await ServerProcess.StartAsync(null, _directory, "TERM", _directory,
            "/usr/bin/redis-server", "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--daemonize", "no", "--loglevel", "warning");
        await WaitUntilReadyAsync(_process);
    }

    private async Task WaitUntilReadyAsync(ServerProcess? process)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (!await AnswersPingAsync())
        {
            if (process is { HasExited: true } || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Redis did not start on port {Port}: {process?.RecentOutput ?? "(container " + Image + ")"}");
            }

            await Task.Delay(20);
        }
    }

    // Ready means loaded: while it replays the append-only file Redis answers -LOADING, not +PONG.
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, bound.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), bound.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, bound.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
