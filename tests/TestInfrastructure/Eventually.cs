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
    public static Task TrueAsync(Func<Task<bool>> condition, string what) =>
        ValueAsync(condition, held => held, what, Bounded.Timeout, TimeSpan.FromMilliseconds(20));

    /// <summary>
    /// Reads every <paramref name="interval"/> until <paramref name="done"/> holds for the value read, for at most
    /// <paramref name="bound"/> (a long run gives minutes), and returns that value; a read that throws (a server
    /// restarting) is not done yet.
    /// </summary>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan bound, TimeSpan interval, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var (held, value) = await TryReadAsync(read, done);
            if (held)
            {
                return value!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {bound.TotalSeconds} s for {what}." + (describe is null || value is null ? "" : " Last seen: " + describe(value)));
            }

            await Task.Delay(interval);
        }
    }

    private static async Task<(bool Held, T? Value)> TryReadAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        try
        {
            var value = await read().Within();
            return (done(value), value);
        }
        catch (Exception exception) when (exception is not TimeoutException)
        {
            return (false, default);
        }
    }
}
