using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>
/// Which part of a payload a read returns: all of it, none, only some keys, or all but some keys. Keys may be dotted
/// paths into nested objects ("meta.author"). A point without payload reads as an empty object when any is asked for.
/// </summary>
public sealed class PayloadSelector
{
    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new JsonObject());

    private PayloadSelector(bool enabled, IReadOnlyList<string>? include, IReadOnlyList<string>? exclude)
    {
        Enabled = enabled;
        Include = include;
        Exclude = exclude;
    }

    public static PayloadSelector All { get; } = new(true, null, null);

    public static PayloadSelector None { get; } = new(false, null, null);

    public bool Enabled { get; }

    public IReadOnlyList<string>? Include { get; }

    public IReadOnlyList<string>? Exclude { get; }

    public static PayloadSelector Only(IReadOnlyList<string> keys) => new(true, keys, null);

    public static PayloadSelector AllBut(IReadOnlyList<string> keys) => new(true, null, keys);

    /// <summary>The payload to return for a stored one, or null when payloads are not wanted.</summary>
    public JsonElement? Apply(JsonElement? stored)
    {
        if (!Enabled)
        {
            return null;
        }

        if (stored is not { ValueKind: JsonValueKind.Object } payload)
        {
            return EmptyObject;
        }

        if (Include is null && Exclude is null)
        {
            return payload;
        }

        var source = JsonObject.Create(payload)!;
        var result = Include is not null ? Project(source, Include) : Remove(source, Exclude!);
        return JsonSerializer.SerializeToElement(result);
    }

    private static JsonObject Project(JsonObject source, IReadOnlyList<string> keys)
    {
        var result = new JsonObject();
        foreach (var key in keys)
        {
            var parts = key.Split('.');
            JsonNode? value = source;
            foreach (var part in parts)
            {
                value = value is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
                if (value is null)
                {
                    break;
                }
            }

            if (value is null)
            {
                continue;
            }

            var target = result;
            foreach (var part in parts[..^1])
            {
                if (target[part] is not JsonObject next)
                {
                    next = [];
                    target[part] = next;
                }

                target = next;
            }

            target[parts[^1]] = value.DeepClone();
        }

        return result;
    }

    private static JsonObject Remove(JsonObject source, IReadOnlyList<string> keys)
    {
        var result = (JsonObject)source.DeepClone();
        foreach (var key in keys)
        {
            var parts = key.Split('.');
            JsonNode? parent = result;
            foreach (var part in parts[..^1])
            {
                parent = parent is JsonObject obj ? obj[part] : null;
            }

            (parent as JsonObject)?.Remove(parts[^1]);
        }

        return result;
    }
}
