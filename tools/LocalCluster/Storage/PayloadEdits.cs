using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>Qdrant's payload edits on a stored payload (a JSON object or none), each returning the new payload.</summary>
internal static class PayloadEdits
{
    /// <summary>
    /// set_payload: merges the keys of <paramref name="update"/> into the payload, at the object under the dotted
    /// <paramref name="key"/> when given (created as needed); a key set to null is removed, as Qdrant's merge does.
    /// </summary>
    public static JsonElement? Merge(JsonElement? stored, JsonElement update, string? key)
    {
        var root = ToObject(stored);
        var target = root;
        if (key is not null)
        {
            foreach (var part in key.Split('.'))
            {
                if (target[part] is not JsonObject next)
                {
                    next = [];
                    target[part] = next;
                }

                target = next;
            }
        }

        foreach (var (name, value) in update.EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                target.Remove(name);
            }
            else
            {
                target[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        return ToElement(root);
    }

    /// <summary>delete_payload: removes each dotted key that exists.</summary>
    public static JsonElement? RemoveKeys(JsonElement? stored, IReadOnlyList<string> keys)
    {
        if (stored is null)
        {
            return null;
        }

        var root = ToObject(stored);
        foreach (var key in keys)
        {
            var parts = key.Split('.');
            JsonNode? parent = root;
            foreach (var part in parts[..^1])
            {
                parent = parent is JsonObject obj ? obj[part] : null;
            }

            (parent as JsonObject)?.Remove(parts[^1]);
        }

        return ToElement(root);
    }

    private static JsonObject ToObject(JsonElement? stored) =>
        stored is { ValueKind: JsonValueKind.Object } payload ? JsonObject.Create(payload.Clone())! : [];

    private static JsonElement ToElement(JsonObject payload) => JsonSerializer.SerializeToElement(payload);
}
