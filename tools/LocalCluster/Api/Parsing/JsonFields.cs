using System.Text.Json;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>Typed reads of optional fields of a request object, failing with Qdrant's 400/422 wording.</summary>
public static class JsonFields
{
    /// <summary>The field's value, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static JsonElement Required(this JsonElement obj, string name) =>
        obj.Optional(name) ?? throw ApiException.Format($"missing field `{name}`");

    /// <summary>A non-negative integer of at least <paramref name="min"/> (below it: 422, as Qdrant validates).</summary>
    public static int? OptionalCount(this JsonElement obj, string name, int min = 0, string? label = null)
    {
        label ??= name;
        if (obj.Optional(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw ApiException.Format($"{label}: invalid value: {value.GetRawText()}, expected usize");
        }

        if (number < 0)
        {
            throw ApiException.Format($"{label}: invalid value: integer `{number}`, expected usize");
        }

        if (number < min)
        {
            throw ApiException.Validation(label, $"value {number} invalid, must be {min} or larger");
        }

        return (int)Math.Min(number, int.MaxValue);
    }

    public static bool? OptionalBool(this JsonElement obj, string name) => obj.Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var other => throw ApiException.Format($"{name}: invalid type: {other.Value.ValueKind}, expected a boolean"),
    };

    public static string? OptionalString(this JsonElement obj, string name) => obj.Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        var other => throw ApiException.Format($"{name}: invalid type: {other.Value.ValueKind}, expected a string"),
    };

    public static double? OptionalNumber(this JsonElement obj, string name) => obj.Optional(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        var other => throw ApiException.Format($"{name}: invalid type: {other.Value.ValueKind}, expected a number"),
    };

    public static JsonElement.ArrayEnumerator Array(this JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw ApiException.Format($"{name}: invalid type: {value.ValueKind}, expected a sequence");

    /// <summary>A dense vector: a JSON array of numbers, each finite in single precision.</summary>
    public static float[] Vector(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Format($"{name}: expected a dense vector (an array of numbers), got {value.ValueKind}");
        }

        var vector = new float[value.GetArrayLength()];
        var i = 0;
        foreach (var component in value.EnumerateArray())
        {
            if (component.ValueKind != JsonValueKind.Number)
            {
                throw ApiException.Format($"{name}[{i}]: invalid type: {component.ValueKind}, expected f32");
            }

            var single = (float)component.GetDouble();
            if (!float.IsFinite(single))
            {
                throw ApiException.WrongInput($"{name}[{i}]: {component.GetRawText()} is not a finite single-precision number");
            }

            vector[i++] = single;
        }

        return vector;
    }
}
