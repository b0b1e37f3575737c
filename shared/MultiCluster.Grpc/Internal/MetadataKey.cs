namespace Grpc.Core;

/// <summary>Keys travel as HTTP/2 header names: lower case, and only the characters the protocol allows.</summary>
internal static class MetadataKey
{
    public static string Normalize(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"Metadata key '{key}' contains '{c}'; keys may hold only a-z, 0-9, '-', '_' and '.'.", nameof(key));
            }
        }

        return lower;
    }
}
