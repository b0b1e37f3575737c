namespace MultiCluster.Storage.Redis;

/// <summary>The Redis server (configuration section "Redis").</summary>
public sealed record RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string: "host:port" plus options, e.g. "127.0.0.1:6379,password=..." .</summary>
    public string ConnectionString { get; init; } = "127.0.0.1:6379";
}
