using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Storage.Tests;

public sealed class RedisRestartTests
{
    [Fact]
    public async Task Connection_comes_back_after_a_crash_and_finds_every_acknowledged_entry()
    {
        await using var server = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(new RedisOptions { ConnectionString = server.ConnectionString });
        var redis = connection.GetDatabase();
        await redis.StreamCreateConsumerGroupAsync("events", "group", "0-0").Within();
        for (var i = 0; i < 20; i++)
        {
            await redis.StreamAddAsync("events", "n", i).Within();
        }

        var delivered = await redis.StreamReadGroupAsync("events", "group", "c1", count: 5).Within();
        await redis.StreamAcknowledgeAsync("events", "group", delivered[0].Id).Within();

        await server.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => redis.StreamLengthAsync("events")).Within();
        await server.RestartAsync();

        Assert.Equal(20, await Eventually(() => redis.StreamLengthAsync("events")));
        Assert.Equal(4, (await redis.StreamPendingAsync("events", "group").Within()).PendingMessageCount);
        Assert.Equal(15, (await redis.StreamReadGroupAsync("events", "group", "c1", count: 100).Within()).Length);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (true)
        {
            try
            {
                return await action().Within();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
