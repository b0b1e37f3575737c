namespace Grpc.Core;

/// <summary>Metadata to and from HTTP/2 header values: -bin values are base64, the rest ASCII.</summary>
internal static class MetadataCodec
{
    public static string EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds a received header; a -bin value must be valid base64, padded or not.</summary>
    public static void AddHeader(Metadata metadata, string name, string value)
    {
        if (Metadata.IsBinaryKey(name))
        {
            metadata.Add(name, DecodeBase64(name, value));
        }
        else
        {
            metadata.Add(name, value);
        }
    }

    private static byte[] DecodeBase64(string name, string value)
    {
        var trimmed = value.Trim();
        var padded = (trimmed.Length % 4) switch
        {
            2 => trimmed + "==",
            3 => trimmed + "=",
            _ => trimmed,
        };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"Metadata '{name}' ends in -bin but its value is not base64: '{Truncate(value)}'."));
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";

    public static string AsciiOrThrow(string name, string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new RpcException(new Status(StatusCode.Internal,
                    $"Metadata '{name}' holds a non-printable or non-ASCII character; use a key ending in -bin for binary or UTF-8 values."));
            }
        }

        return value;
    }
}
