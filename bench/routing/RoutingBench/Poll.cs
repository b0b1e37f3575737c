using System.Diagnostics;

namespace MultiCluster.Bench.Routing;

/// <summary>Polls until a condition holds, bounded; a read that throws (a host restarting) is not true yet.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan bound, string what, Func<T, string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        T? last = default;
        Exception? failure = null;
        while (clock.Elapsed < bound)
        {
            try
            {
                last = await read();
                failure = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or Npgsql.NpgsqlException or IOException)
            {
                failure = e;
            }

            await Task.Delay(250);
        }

        var seen = failure is not null ? failure.Message : last is not null && describe is not null ? describe(last) : "nothing";
        throw new TimeoutException($"waited {bound.TotalSeconds:F0} s for {what}; last seen: {seen}");
    }
}
