using System.Text.Json;

namespace MultiCluster.LocalCluster.Api;

/// <summary>Reads a request body as one JSON object; anything else is Qdrant's 400 format error.</summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    /// <summary>The body's root object; an empty body reads as {} when <paramref name="optional"/>.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpContext context, bool optional = false)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return optional
                ? JsonDocument.Parse("{}")
                : throw ApiException.Format("EOF while parsing a value at line 1 column 0");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Options);
        }
        catch (JsonException e)
        {
            throw ApiException.Format(e.Message);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw ApiException.Format($"invalid type: {kind}, expected a JSON object");
        }

        return document;
    }
}
