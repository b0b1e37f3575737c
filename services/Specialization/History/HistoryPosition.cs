using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MultiCluster.Specialization.History;

/// <summary>
/// Where a page of the history ends: the last record's start time and row id (the order the index keeps), bound to the
/// filters it was made under so a token reused with other filters is refused rather than skipping records. The page
/// token is base64url of (version, ticks, record id, xxHash64 of the filters).
/// </summary>
public sealed record HistoryPosition(DateTimeOffset StartedAt, long RecordId)
{
    private const byte TokenVersion = 1;
    private const int TokenLength = 1 + 8 + 8 + 8;

    public string ToToken(string filters)
    {
        var bytes = new byte[TokenLength];
        bytes[0] = TokenVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), StartedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(9), RecordId);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(17), XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(filters)));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position in a token; a token this service did not make, or made under other filters, is refused naming the field.</summary>
    public static HistoryPosition FromToken(string token, string filters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var base64 = token.Replace('-', '+').Replace('_', '/');
        var bytes = new byte[TokenLength + 2];
        if (!Convert.TryFromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='), bytes, out var written)
            || written != TokenLength || bytes[0] != TokenVersion)
        {
            throw SpecializationException.Invalid("pagination.page_token: not a token of this history; pass next_page_token of the previous response unchanged, or leave it empty for the first page.");
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(17)) != XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(filters)))
        {
            throw SpecializationException.Invalid("pagination.page_token: it was made for other filters; keep library, kinds and time_range as they were, or start again without a token.");
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw SpecializationException.Invalid("pagination.page_token: not a token of this history; leave it empty for the first page.");
        }

        return new HistoryPosition(new DateTimeOffset(ticks, TimeSpan.Zero), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(9)));
    }
}
