using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>with_payload (bool, list of keys, {include}, {exclude}) and with_vector (bool or list of vector names).</summary>
public static class SelectorParser
{
    public static PayloadSelector WithPayload(JsonElement body, PayloadSelector absent)
    {
        if (body.Optional("with_payload") is not { } value)
        {
            return absent;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => PayloadSelector.All,
            JsonValueKind.False => PayloadSelector.None,
            JsonValueKind.Array => PayloadSelector.Only(Keys(value, "with_payload")),
            JsonValueKind.Object when value.Optional("include") is { } include => PayloadSelector.Only(Keys(include, "with_payload.include")),
            JsonValueKind.Object when value.Optional("exclude") is { } exclude => PayloadSelector.AllBut(Keys(exclude, "with_payload.exclude")),
            _ => throw ApiException.Format("with_payload: expected a boolean, a list of keys, {\"include\": [...]} or {\"exclude\": [...]}"),
        };
    }

    /// <summary>Whether to return the vector; "with_vectors" is accepted too. A list asks for named vectors: the unnamed one is "".</summary>
    public static bool WithVector(JsonElement body, bool absent)
    {
        if ((body.Optional("with_vector") ?? body.Optional("with_vectors")) is not { } value)
        {
            return absent;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Array => value.EnumerateArray().Any(name => name.ValueKind == JsonValueKind.String && name.GetString() == ""),
            _ => throw ApiException.Format("with_vector: expected a boolean or a list of vector names"),
        };
    }

    private static List<string> Keys(JsonElement list, string field) =>
        [.. list.Array(field).Select(key => key.ValueKind == JsonValueKind.String
            ? key.GetString()!
            : throw ApiException.Format($"{field}: keys must be strings"))];
}
