using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// A private redis-server on a free loopback port with its own data folder, append-only file on and fsynced on
/// every write (<c>appendfsync always</c>: an event Redis acknowledged is on disk), snapshots off. Crash tests
/// <see cref="KillAsync"/> it (SIGKILL) and <see cref="RestartAsync"/> it on the same port and folder, so what
/// comes back is what the append-only file kept.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private ServerProcess? _process;

    private RedisServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>host:port, the form StackExchange.Redis and redis-cli take.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(Directory.CreateTempSubdirectory("multicluster-redis-").FullName, FreePort.Next());
        await server.LaunchAsync();
        return server;
    }

    /// <summary>Kills the server with SIGKILL, as a crash would; it stays down until <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
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

    private async Task WaitUntilReadyAsync(ServerProcess process)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {process.RecentOutput}");
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
