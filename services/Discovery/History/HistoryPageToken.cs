using System.Buffers.Binary;
using System.Text;

namespace MultiCluster.Discovery.History;

/// <summary>
/// Where the next page of the history starts (the last record's start time and id) and a hash of the filters it was
/// made under, so a token used with other filters is refused instead of silently skipping records. Opaque to
/// clients: base64url of a small binary record.
/// </summary>
public static class HistoryPageToken
{
    private const byte Version = 1;

    public static string Encode(DateTimeOffset startedAt, string operationId, ulong filterHash)
    {
        var id = Encoding.UTF8.GetBytes(operationId);
        var bytes = new byte[1 + 8 + 8 + id.Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), startedAt.UtcTicks);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(9), filterHash);
        id.CopyTo(bytes, 17);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position in the token; a malformed token or one made under other filters is refused, naming the field.</summary>
    public static (DateTimeOffset StartedAt, string OperationId) Decode(string token, ulong filterHash)
    {
        ArgumentNullException.ThrowIfNull(token);
        byte[] bytes;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (bytes.Length < 18 || bytes[0] != Version)
        {
            throw Invalid();
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Invalid();
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(9)) != filterHash)
        {
            throw new DiscoveryRequestException("pagination.page_token: it was made for other filters; keep library, time_range and states as they were, or start again without a token.");
        }

        return (new DateTimeOffset(ticks, TimeSpan.Zero), Encoding.UTF8.GetString(bytes.AsSpan(17)));
    }

    /// <summary>FNV-1a over the filter values: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong FilterHash(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(string.Join('\u001f', parts)))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static DiscoveryRequestException Invalid() =>
        new("pagination.page_token: not a token this service issued; pass next_page_token of the previous response unchanged, or leave it empty for the first page.");
}
