namespace MultiCluster.Messaging.CloudEvents;

/// <summary>Media types the envelope uses, and the JSON format's rule for which data content types are JSON.</summary>
public static class ContentTypes
{
    /// <summary>A whole event in the JSON format (structured mode).</summary>
    public const string CloudEventsJson = "application/cloudevents+json";

    /// <summary>Protobuf-encoded data, as our services publish.</summary>
    public const string Protobuf = "application/protobuf";

    public const string Json = "application/json";

    /// <summary>
    /// True when data of this content type goes in "data" as a JSON value: subtype "json" or a "+json" suffix once
    /// parameters are stripped; an absent content type counts as application/json.
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var subtype = slash < 0 ? "" : mediaType[(slash + 1)..];
        return subtype.Equals("json", StringComparison.OrdinalIgnoreCase) || subtype.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
