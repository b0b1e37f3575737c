using Npgsql;
using Testcontainers.PostgreSql;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// A private PostgreSQL server for the whole test process, started on first use with fsync off: a <c>postgres:17</c>
/// container (Testcontainers, removed by its resource reaper when the process exits) when a Docker engine answers;
/// else a local process (initdb into a temp folder owned by the postgres user, trust authentication on 127.0.0.1, a
/// free port), stopped and its folder deleted by its watchdog when the test process exits, however it exits. Tests
/// never share data: each asks for a fresh database.
/// </summary>
public sealed class PostgresServer
{
    private const string ServiceUser = "postgres";
    private const string Image = "postgres:17";
    private const int ContainerPort = 5432;

    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    // Kept for the life of the test process: its watchdog (or the container's reaper) stops the server when it exits.
    private readonly ServerProcess? _process;
    private readonly PostgreSqlContainer? _container;

    private PostgresServer(string host, int port, ServerProcess? process, PostgreSqlContainer? container)
    {
        Host = host;
        Port = port;
        _process = process;
        _container = container;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The maintenance database, for creating others.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>The server of this test process, started by the first caller.</summary>
    public static Task<PostgresServer> SharedAsync() => Instance.Value.WaitAsync(TimeSpan.FromSeconds(90));

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, 30);
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().WaitAsync(Bounded.Timeout);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync().WaitAsync(Bounded.Timeout);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = ServiceUser,
            Password = _container is null ? null : ServiceUser,
            Database = database,
            Timeout = 10,
        }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await DockerEngine.AnswersAsync() ? await StartContainerAsync() : await StartLocalAsync();
        await server.WaitUntilReadyAsync();
        TestServerLog.Started("PostgreSQL", server._container is null ? "local process" : $"Testcontainers {Image}", $"{server.Host}:{server.Port}");
        return server;
    }

    private static async Task<PostgresServer> StartContainerAsync()
    {
        var container = new PostgreSqlBuilder(Image)
            .WithUsername(ServiceUser)
            .WithPassword(ServiceUser)
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400")
            .Build();
        await container.StartAsync();
        return new PostgresServer(container.Hostname, container.GetMappedPublicPort(ContainerPort), null, container);
    }

    private static async Task<PostgresServer> StartLocalAsync()
    {
        var bin = PostgresBinaries.Find();
        var directory = Directory.CreateTempSubdirectory("multicluster-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var asUser = Environment.IsPrivilegedProcess ? ServiceUser : null;
        if (asUser is not null)
        {
            // initdb and postgres refuse to run as root: the folder belongs to the postgres user, which runs both.
            await RunAsync(null, directory, "chown", ServiceUser, directory);
        }

        await RunAsync(asUser, directory, Path.Combine(bin, "initdb"), "-D", data, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
        var port = FreePort.Next();
        var process = await ServerProcess.StartAsync(asUser, directory, "INT", directory,
            Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={directory}",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=400", "-c", "log_min_messages=warning");
        return new PostgresServer("127.0.0.1", port, process, null);
    }

    private static async Task RunAsync(string? user, string directory, string fileName, params string[] arguments)
    {
        var (exitCode, output, errors) = user is null
            ? await PeerProcess.RunAsync(fileName, directory, new Dictionary<string, string>(), arguments)
            : await PeerProcess.RunAsync("runuser", directory, new Dictionary<string, string>(), ["-u", user, "--", fileName, .. arguments]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} failed ({exitCode}): {errors}{output}");
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && _process is not { HasExited: true })
            {
                await Task.Delay(50);
            }
            catch (NpgsqlException exception)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on port {Port}: {_process?.RecentOutput ?? "(container " + Image + ")"}", exception);
            }
        }
    }
}
