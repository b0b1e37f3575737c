using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>
/// A key into a payload, in Qdrant's syntax: dots go into nested objects ("meta.author"), "[]" visits every element
/// of an array ("tags[]", "authors[].name"), "[2]" one element, and "\"a.b\"" quotes a key holding a dot. A key
/// step on anything but an object finds nothing, as in Qdrant.
/// </summary>
public sealed class PayloadPath
{
    private readonly Step[] _steps;

    private PayloadPath(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    public static PayloadPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"'{text}' is not a valid payload key.");

    public static bool TryParse(string? text, out PayloadPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var steps = new List<Step>();
        var i = 0;
        while (i < text.Length)
        {
            if (!TryReadKey(text, ref i, steps) || !TryReadIndexes(text, ref i, steps))
            {
                return false;
            }

            if (i < text.Length && text[i++] != '.')
            {
                return false;
            }

            if (i == text.Length && text[^1] == '.')
            {
                return false;
            }
        }

        path = new PayloadPath(text, [.. steps]);
        return true;
    }

    /// <summary>Every value the path reaches in <paramref name="payload"/>, in document order.</summary>
    public PathValues Resolve(JsonElement? payload)
    {
        var values = new PathValues();
        if (payload is { ValueKind: JsonValueKind.Object } root)
        {
            Visit(root, 0, ref values);
        }

        return values;
    }

    public override string ToString() => Text;

    private void Visit(JsonElement value, int step, ref PathValues values)
    {
        if (step == _steps.Length)
        {
            values.Add(value);
            return;
        }

        var current = _steps[step];
        if (current.Key is { } key)
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(key, out var child))
            {
                Visit(child, step + 1, ref values);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            if (current.Index is { } index)
            {
                if (index < value.GetArrayLength())
                {
                    Visit(value[index], step + 1, ref values);
                }
            }
            else
            {
                foreach (var element in value.EnumerateArray())
                {
                    Visit(element, step + 1, ref values);
                }
            }
        }
    }

    private static bool TryReadKey(string text, ref int i, List<Step> steps)
    {
        var key = new StringBuilder();
        if (text[i] == '"')
        {
            var end = text.IndexOf('"', i + 1);
            if (end < 0)
            {
                return false;
            }

            key.Append(text, i + 1, end - i - 1);
            i = end + 1;
        }
        else
        {
            while (i < text.Length && text[i] is not ('.' or '['))
            {
                key.Append(text[i++]);
            }
        }

        steps.Add(new Step(key.ToString(), null));
        return key.Length > 0;
    }

    private static bool TryReadIndexes(string text, ref int i, List<Step> steps)
    {
        while (i < text.Length && text[i] == '[')
        {
            var end = text.IndexOf(']', i);
            if (end < 0)
            {
                return false;
            }

            var inside = text.AsSpan(i + 1, end - i - 1);
            if (inside.IsEmpty)
            {
                steps.Add(new Step(null, null));
            }
            else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                steps.Add(new Step(null, index));
            }
            else
            {
                return false;
            }

            i = end + 1;
        }

        return true;
    }

    /// <summary>One step: a key, an index, or (both null) every element.</summary>
    private readonly record struct Step(string? Key, int? Index);
}
