using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MultiCluster.Storage.Redis;

/// <summary>
/// The one file that knows StackExchange.Redis. Version 1.2.6 is the newest this project's registries restore, and it
/// has no typed stream methods: stream commands go through <c>IDatabase.ExecuteAsync</c> with the arguments and
/// replies the Redis command reference documents. Moving to 2.x rewrites this file and nothing else.
/// One multiplexed connection carries every command, so nothing here blocks on the server: XREADGROUP is never sent
/// with BLOCK (it would stall every other command behind it); readers poll with backoff instead.
/// </summary>
public sealed partial class RedisClient : IDisposable
{
    private const string DeleteIfEqualScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <summary>The ActivitySource of Redis command spans; tracing subscribes to it by this name.</summary>
    public const string ActivitySourceName = "MultiCluster.Redis";

    private static readonly ActivitySource ActivitySource = new(ActivitySourceName, "1.0.0");

    private readonly ConnectionMultiplexer _connection;
    private readonly (string Host, int Port) _server;
    private readonly IDatabase _database;
    private readonly ILogger _logger;

    private RedisClient(ConnectionMultiplexer connection, ILogger logger)
    {
        _connection = connection;
        _database = connection.GetDatabase();
        _server = connection.GetEndPoints().FirstOrDefault() switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            _ => ("", 0),
        };
        _logger = logger;
        _connection.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint, e.FailureType, e.Exception?.Message);
        _connection.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint);
    }

    public bool IsConnected => _connection.IsConnected;

    /// <summary>Connects; while Redis is down it keeps reconnecting in the background and commands fail fast.</summary>
    public static RedisClient Connect(RedisOptions options, ILogger<RedisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        configuration.AbortOnConnectFail = false;
        return new RedisClient(ConnectionMultiplexer.Connect(configuration), logger ?? NullLogger<RedisClient>.Instance);
    }

    /// <summary>XADD: appends an entry (trimmed to about <paramref name="approximateMaxLength"/> when given); returns its id.</summary>
    public async Task<string> StreamAddAsync(string stream, IReadOnlyList<KeyValuePair<string, byte[]>> fields, long? approximateMaxLength = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var arguments = new List<object> { stream };
        if (approximateMaxLength is { } maxLength)
        {
            arguments.AddRange(["MAXLEN", "~", Number(maxLength)]);
        }

        arguments.Add("*");
        foreach (var (name, value) in fields)
        {
            arguments.Add(name);
            arguments.Add(value);
        }

        return (string)await ExecuteAsync("XADD", arguments);
    }

    /// <summary>XGROUP CREATE … MKSTREAM: creates the stream and the group if missing; an existing group is kept.</summary>
    public async Task CreateGroupAsync(string stream, string group, string startId = "0")
    {
        try
        {
            await ExecuteAsync("XGROUP", ["CREATE", stream, group, startId, "MKSTREAM"]);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Created by another consumer of the group, or on an earlier start.
        }
    }

    /// <summary>XREADGROUP … STREAMS stream &gt;, without BLOCK: up to <paramref name="count"/> never-delivered entries, or none.</summary>
    public async Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(string stream, string group, string consumer, int count)
    {
        RedisResult reply;
        try
        {
            reply = await ExecuteAsync("XREADGROUP", ["GROUP", group, consumer, "COUNT", Number(count), "STREAMS", stream, ">"]);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            throw new StreamGroupMissingException($"Stream '{stream}' has no consumer group '{group}': {exception.Message}", exception);
        }

        if (reply.IsNull)
        {
            return [];
        }

        var streams = (RedisResult[])reply;
        return streams.Length == 0 ? [] : Entries(((RedisResult[])streams[0])[1]);
    }

    /// <summary>XAUTOCLAIM: takes over entries pending longer than <paramref name="minIdle"/> from any consumer of the group.</summary>
    public async Task<AutoClaimResult> AutoClaimAsync(string stream, string group, string consumer, TimeSpan minIdle, string start, int count)
    {
        var reply = (RedisResult[])await ExecuteAsync("XAUTOCLAIM", [stream, group, consumer, Number((long)minIdle.TotalMilliseconds), start, "COUNT", Number(count)]);
        var deleted = reply.Length > 2 && !reply[2].IsNull ? ((RedisResult[])reply[2]).Select(r => (string)r).ToList() : [];
        return new AutoClaimResult((string)reply[0], Entries(reply[1]), deleted);
    }

    /// <summary>XACK: acknowledges an entry; returns false when it was not pending (acknowledged already).</summary>
    public async Task<bool> AcknowledgeAsync(string stream, string group, string id) =>
        (long)await ExecuteAsync("XACK", [stream, group, id]) == 1;

    /// <summary>XPENDING extended form: pending entries between two ids, optionally of one consumer, with delivery counts.</summary>
    public async Task<IReadOnlyList<PendingEntry>> PendingAsync(string stream, string group, string start = "-", string end = "+", int count = 100, string? consumer = null)
    {
        List<object> arguments = [stream, group, start, end, Number(count)];
        if (consumer is not null)
        {
            arguments.Add(consumer);
        }

        var reply = (RedisResult[])await ExecuteAsync("XPENDING", arguments);
        return reply.Select(row => (RedisResult[])row)
            .Select(row => new PendingEntry((string)row[0], (string)row[1], TimeSpan.FromMilliseconds((long)row[2]), (long)row[3]))
            .ToList();
    }

    /// <summary>XPENDING summary form: how many entries of the group are delivered and not acknowledged.</summary>
    public async Task<long> PendingCountAsync(string stream, string group) =>
        (long)((RedisResult[])await ExecuteAsync("XPENDING", [stream, group]))[0];

    /// <summary>XLEN.</summary>
    public async Task<long> StreamLengthAsync(string stream) => (long)await ExecuteAsync("XLEN", [stream]);

    /// <summary>XRANGE: entries between two ids, oldest first.</summary>
    public async Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(string stream, string start = "-", string end = "+", int count = 1000) =>
        Entries(await ExecuteAsync("XRANGE", [stream, start, end, "COUNT", Number(count)]));

    /// <summary>SET key value PX ttl NX: true when the key was absent and is now set.</summary>
    public Task<bool> SetIfAbsentAsync(string key, string value, TimeSpan ttl) => Traced("SET", () => _database.StringSetAsync(key, value, ttl, When.NotExists));

    /// <summary>SET key value PX ttl.</summary>
    public Task SetAsync(string key, string value, TimeSpan ttl) => Traced("SET", () => _database.StringSetAsync(key, value, ttl));

    public async Task<string?> GetAsync(string key) => await Traced("GET", () => _database.StringGetAsync(key));

    /// <summary>Deletes the key only while it still holds <paramref name="value"/> (a lease released by its owner only).</summary>
    public async Task<bool> DeleteIfEqualAsync(string key, string value) =>
        (long)await Traced("EVAL", () => _database.ScriptEvaluateAsync(DeleteIfEqualScript, [key], [value])) == 1;

    public Task<bool> DeleteAsync(string key) => Traced("DEL", () => _database.KeyDeleteAsync(key));

    /// <summary>PING: the round trip to the server; throws when Redis does not answer.</summary>
    public Task<TimeSpan> PingAsync() => Traced("PING", () => _database.PingAsync());

    public void Dispose() => _connection.Dispose();

    private Task<RedisResult> ExecuteAsync(string command, ICollection<object> arguments) => Traced(command, () => _database.ExecuteAsync(command, arguments));

    // One client span per command, following OpenTelemetry's database conventions, but only inside a trace: the
    // stream readers poll every few hundred milliseconds with no parent, and a root span per poll would flood Jaeger.
    private async Task<T> Traced<T>(string command, Func<Task<T>> send)
    {
        using var activity = Activity.Current is null ? null : ActivitySource.StartActivity(command, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", command);
            activity.SetTag("server.address", _server.Host);
            activity.SetTag("server.port", _server.Port);
        }

        try
        {
            return await send();
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.SetTag("error.type", e.GetType().FullName);
            throw;
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<StreamEntry> Entries(RedisResult reply)
    {
        if (reply.IsNull)
        {
            return [];
        }

        var entries = new List<StreamEntry>();
        foreach (var item in (RedisResult[])reply)
        {
            // A pending entry that was trimmed away comes back as nil (Redis 6.2) or with nil fields.
            if (item.IsNull)
            {
                continue;
            }

            var parts = (RedisResult[])item;
            var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (!parts[1].IsNull)
            {
                var pairs = (RedisResult[])parts[1];
                for (var i = 0; i + 1 < pairs.Length; i += 2)
                {
                    fields[(string)pairs[i]] = (byte[])pairs[i + 1];
                }
            }

            entries.Add(new StreamEntry((string)parts[0], fields));
        }

        return entries;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}): {Reason}; reconnecting in the background")]
    private static partial void LogConnectionFailed(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endPoint);
}
