using System.Collections.Concurrent;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// What a hot path derives from a gRPC method's name ("/package.Service/Method"), computed once per method instead of
/// once per call. The name comes from the request path, so a client could send endless made-up ones: past
/// <see cref="MaxMethods"/> names the value is computed each time and not kept, so the cache cannot grow without bound.
/// </summary>
internal sealed class PerMethodCache<T>(Func<string, T> compute)
{
    public const int MaxMethods = 1024;

    private readonly ConcurrentDictionary<string, T> _values = new(StringComparer.Ordinal);

    public T this[string method] =>
        _values.TryGetValue(method, out var value) ? value
        : _values.Count < MaxMethods ? _values.GetOrAdd(method, compute)
        : compute(method);
}
