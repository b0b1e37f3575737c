using System.Security.Cryptography;
using System.Text;

namespace MultiCluster.LocalCluster.Api;

/// <summary>
/// The one API-key check of both APIs (REST header, gRPC metadata): the key in <c>api-key</c>, or as
/// <c>Authorization: Bearer</c>, compared in constant time; Qdrant's messages when it is missing or wrong.
/// </summary>
public sealed class ApiKeyCheck(string apiKey)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(apiKey);

    /// <summary>Null when the presented credentials carry the key; otherwise what to answer.</summary>
    public string? Problem(string? apiKeyHeader, string? authorization)
    {
        var presented = !string.IsNullOrEmpty(apiKeyHeader)
            ? apiKeyHeader
            : authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        if (presented is null)
        {
            return "Must provide an API key or an Authorization bearer token";
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected) ? null : "Invalid API key or JWT";
    }
}
