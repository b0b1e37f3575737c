using System.Text;
using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Storage.Tests;

public sealed class RedisRestartTests
{
    [Fact]
    public async Task Client_reconnects_after_a_crash_and_finds_every_acknowledged_entry()
    {
        await using var server = await RedisServer.StartAsync();
        using var client = RedisClient.Connect(new RedisOptions { ConnectionString = server.ConnectionString });
        await client.CreateGroupAsync("events", "group").Within();
        for (var i = 0; i < 20; i++)
        {
            await client.StreamAddAsync("events", [new("n", Encoding.UTF8.GetBytes($"{i}"))]).Within();
        }

        var delivered = await client.ReadGroupAsync("events", "group", "c1", 5).Within();
        await client.AcknowledgeAsync("events", "group", delivered[0].Id).Within();

        await server.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => client.StreamLengthAsync("events")).Within();
        await server.RestartAsync();

        Assert.Equal(20, await Eventually(() => client.StreamLengthAsync("events")));
        Assert.Equal(4, await client.PendingCountAsync("events", "group").Within());
        Assert.Equal(15, (await client.ReadGroupAsync("events", "group", "c1", 100).Within()).Count);
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
