namespace MultiCluster.TestInfrastructure;

/// <summary>
/// Polls until something holds, failing after <see cref="Bounded.Timeout"/> with what was awaited and what was last
/// seen. Tests wait for outcomes this way instead of sleeping a guessed time, so a slow machine only makes them slower.
/// </summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds for the value read, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<T> read, Func<T, bool> done, string what, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Bounded.Timeout.TotalSeconds} s for {what}." + (describe is null ? "" : " Last seen: " + describe(value)));
            }

            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what) => ValueAsync(condition, held => held, what);

    /// <summary>An asynchronous condition; one that throws (a server restarting) is not true yet.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        while (!await IsTrueAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Bounded.Timeout.TotalSeconds} s for {what}.");
            }

            await Task.Delay(20);
        }
    }

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
