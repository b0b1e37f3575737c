namespace MultiCluster.TestInfrastructure;

/// <summary>Every await in a test is bounded, so a hang fails the test instead of the run.</summary>
public static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);
}
