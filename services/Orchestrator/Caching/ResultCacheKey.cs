using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Google.Protobuf;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Caching;

/// <summary>
/// Where one answer is cached: the library, the routing version it was routed by, and a SHA-256 of the query vector
/// with every parameter that changes the answer (the request without what does not: its vector, which is hashed
/// apart, its time budget and its cache bypass; plus whatever settings the caller resolved for it, such as the
/// library's routing settings and fusion). A new routing version makes every older key unreachable.
/// </summary>
public sealed record ResultCacheKey(string Library, ulong RoutingVersion, string Hash)
{
    public string RedisKey => $"orchestrator:cache:{Library}:{RoutingVersion}:{Hash}";

    public static ResultCacheKey Create(string library, ulong routingVersion, ReadOnlySpan<float> vector, params IMessage[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(vector));
        foreach (var parameter in parameters)
        {
            // Length-prefixed, so two parameter lists never run together into the same bytes.
            var bytes = parameter.ToByteArray();
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        return new ResultCacheKey(library, routingVersion, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The key of a search, with the settings resolved for it (routing settings, fusion) that the request left unset.</summary>
    public static ResultCacheKey ForSearch(SearchRequest request, ulong routingVersion, params IMessage[] resolvedSettings)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Clone();
        parameters.Vector.Clear();
        parameters.TimeoutMs = 0;
        if (parameters.Routing is not null)
        {
            parameters.Routing.BypassCache = false;
        }

        return Create(request.Library, routingVersion, request.Vector.ToArray(), [parameters, .. resolvedSettings]);
    }
}
