using System.Text;
using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Storage.Tests;

public sealed class RedisClientTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private RedisClient Client => redis.Client;

    [Fact]
    public async Task Entry_added_is_read_once_by_the_group_and_acknowledged()
    {
        var stream = NewStream();
        await Client.CreateGroupAsync(stream, "group").Within();
        var id = await Client.StreamAddAsync(stream, [Field("data", "hello")]).Within();

        var first = await Client.ReadGroupAsync(stream, "group", "c1", 10).Within();
        var second = await Client.ReadGroupAsync(stream, "group", "c2", 10).Within();
        var acknowledged = await Client.AcknowledgeAsync(stream, "group", id).Within();

        var entry = Assert.Single(first);
        Assert.Equal(id, entry.Id);
        Assert.Equal("hello", Encoding.UTF8.GetString(entry["data"]!));
        Assert.Empty(second);
        Assert.True(acknowledged);
        Assert.Equal(0, await Client.PendingCountAsync(stream, "group").Within());
        Assert.Equal(1, await Client.StreamLengthAsync(stream).Within());
    }

    [Fact]
    public async Task Creating_an_existing_group_keeps_it()
    {
        var stream = NewStream();
        await Client.CreateGroupAsync(stream, "group").Within();
        await Client.StreamAddAsync(stream, [Field("data", "x")]).Within();
        await Client.ReadGroupAsync(stream, "group", "c1", 10).Within();

        await Client.CreateGroupAsync(stream, "group").Within();

        Assert.Equal(1, await Client.PendingCountAsync(stream, "group").Within());
    }

    [Fact]
    public async Task Reading_without_a_group_reports_the_missing_group()
    {
        var stream = NewStream();
        await Client.StreamAddAsync(stream, [Field("data", "x")]).Within();

        await Assert.ThrowsAsync<StreamGroupMissingException>(() => Client.ReadGroupAsync(stream, "nobody", "c1", 10)).Within();
    }

    [Fact]
    public async Task Entry_left_unacknowledged_past_the_idle_time_is_claimed_by_another_consumer()
    {
        var stream = NewStream();
        await Client.CreateGroupAsync(stream, "group").Within();
        var id = await Client.StreamAddAsync(stream, [Field("data", "work")]).Within();
        await Client.ReadGroupAsync(stream, "group", "dead", 10).Within();

        var tooEarly = await Client.AutoClaimAsync(stream, "group", "alive", TimeSpan.FromMinutes(1), "0-0", 10).Within();
        await Task.Delay(150);
        var claimed = await Client.AutoClaimAsync(stream, "group", "alive", TimeSpan.FromMilliseconds(100), "0-0", 10).Within();

        Assert.Empty(tooEarly.Entries);
        Assert.Equal(id, Assert.Single(claimed.Entries).Id);
        Assert.Equal("0-0", claimed.NextStart);
        var pending = Assert.Single(await Client.PendingAsync(stream, "group").Within());
        Assert.Equal(("alive", 2L), (pending.Consumer, pending.Deliveries));
    }

    [Fact]
    public async Task Binary_field_values_round_trip_unchanged()
    {
        var stream = NewStream();
        byte[] bytes = [0, 255, 13, 10, 0x80, 0x7f];
        await Client.StreamAddAsync(stream, [new("data", bytes)]).Within();

        var entry = Assert.Single(await Client.StreamRangeAsync(stream).Within());

        Assert.Equal(bytes, entry["data"]);
    }

    [Fact]
    public async Task Stream_is_trimmed_to_about_its_maximum_length()
    {
        var stream = NewStream();
        for (var i = 0; i < 500; i++)
        {
            await Client.StreamAddAsync(stream, [Field("n", "x")], approximateMaxLength: 10).Within();
        }

        Assert.InRange(await Client.StreamLengthAsync(stream).Within(), 10, 200);
    }

    [Fact]
    public async Task Lease_is_taken_once_and_released_only_by_its_owner()
    {
        var key = "lease:" + Guid.NewGuid();
        var taken = await Client.SetIfAbsentAsync(key, "owner-a", TimeSpan.FromMinutes(1)).Within();
        var takenAgain = await Client.SetIfAbsentAsync(key, "owner-b", TimeSpan.FromMinutes(1)).Within();

        var releasedByOther = await Client.DeleteIfEqualAsync(key, "owner-b").Within();
        var releasedByOwner = await Client.DeleteIfEqualAsync(key, "owner-a").Within();

        Assert.True(taken);
        Assert.False(takenAgain);
        Assert.False(releasedByOther);
        Assert.True(releasedByOwner);
        Assert.Null(await Client.GetAsync(key).Within());
    }

    [Fact]
    public async Task Lease_expires_after_its_time_to_live()
    {
        var key = "lease:" + Guid.NewGuid();
        await Client.SetIfAbsentAsync(key, "owner", TimeSpan.FromMilliseconds(100)).Within();
        await Task.Delay(250);

        Assert.True(await Client.SetIfAbsentAsync(key, "next", TimeSpan.FromMinutes(1)).Within());
    }

    private static string NewStream() => "stream-" + Guid.NewGuid().ToString("N");

    private static KeyValuePair<string, byte[]> Field(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
