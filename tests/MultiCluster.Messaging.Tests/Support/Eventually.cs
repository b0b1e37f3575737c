using MultiCluster.TestInfrastructure;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>Polls a condition until it holds, failing after <see cref="Bounded.Timeout"/> with what was awaited.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (!await IsTrueAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    // A condition that throws (Redis restarting) is not true yet.
    private static async Task<bool> IsTrueAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition().Within();
        }
        catch (Exception exception) when (exception is not TimeoutException)
        {
            return false;
        }
    }
}
