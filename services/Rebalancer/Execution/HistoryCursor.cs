using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// The page token of GetRebalancingHistory: the last run's start time and operation id (the order pages follow), and
/// a digest of the filters it was made under, so a token reused with other filters is refused instead of skipping
/// runs. Opaque to clients: base64url of "start ticks|operation id|digest".
/// </summary>
public static class HistoryCursor
{
    public static string Encode(DateTimeOffset startedAt, string operationId, string filters) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcTicks}|{operationId}|{Digest(filters)}")));

    public static (DateTimeOffset StartedAt, string OperationId) Decode(string token, string filters)
    {
        ArgumentNullException.ThrowIfNull(token);
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
        }
        catch (FormatException)
        {
            throw Foreign();
        }

        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || parts[1].Length == 0)
        {
            throw Foreign();
        }

        return parts[2] == Digest(filters)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
            : throw RebalancerException.Invalid("pagination.page_token: it was made for other filters; keep time_range and triggers as they were, or start again without a token.");
    }

    private static string Digest(string filters) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filters)).AsSpan(0, 8));

    private static RebalancerException Foreign() =>
        RebalancerException.Invalid("pagination.page_token: not a token of this history; pass next_page_token of the previous response unchanged, or leave it empty for the first page.");
}
