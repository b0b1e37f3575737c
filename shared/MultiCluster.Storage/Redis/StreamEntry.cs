namespace MultiCluster.Storage.Redis;

/// <summary>
/// One entry of a Redis stream: its id ("1700000000000-0") and its field/value pairs. <see cref="Fields"/> is empty
/// for an entry that was deleted (trimmed) while still pending.
/// </summary>
public sealed record StreamEntry(string Id, IReadOnlyDictionary<string, byte[]> Fields)
{
    public byte[]? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;
}
