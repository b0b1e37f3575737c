using System.Reflection;
using MultiCluster.Clusters.Configuration;

namespace MultiCluster.Clusters.Tests.Infrastructure;

/// <summary>
/// An <see cref="IVectorCluster"/> that knows its configuration and whether it was disposed, and nothing else: for
/// registry tests, where what matters is which client a reader gets and when clients are let go.
/// </summary>
public class FakeCluster : DispatchProxy, IDisposable
{
    public ClusterOptions Options { get; private set; } = null!;

    public bool Disposed { get; private set; }

    public static IVectorCluster For(ClusterOptions options)
    {
        var cluster = Create<IVectorCluster, FakeCluster>();
        ((FakeCluster)(object)cluster).Options = options;
        return cluster;
    }

    public static FakeCluster Of(IVectorCluster cluster) => (FakeCluster)(object)cluster;

    public void Dispose()
    {
        Disposed = true;
        GC.SuppressFinalize(this);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == "get_Name" ? Options.Name : throw new NotSupportedException($"{targetMethod?.Name} is not part of the fake.");
}
