using System.Text.Json;

namespace MultiCluster.LocalCluster.Filtering;

/// <summary>The values a <see cref="PayloadPath"/> reached: usually one, so one is held without allocating.</summary>
public struct PathValues
{
    private JsonElement _first;
    private List<JsonElement>? _rest;

    public int Count { get; private set; }

    public readonly JsonElement this[int index] => index == 0 ? _first : _rest![index - 1];

    public void Add(JsonElement value)
    {
        if (Count++ == 0)
        {
            _first = value;
        }
        else
        {
            (_rest ??= []).Add(value);
        }
    }
}
