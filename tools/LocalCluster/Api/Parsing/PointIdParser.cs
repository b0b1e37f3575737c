using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>Qdrant's ExtendedPointId on the wire: a JSON unsigned integer, or a JSON string holding a UUID.</summary>
public static class PointIdParser
{
    public static PointId Parse(JsonElement value, string field = "id")
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number))
        {
            return PointId.FromNumber(number);
        }

        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var uuid))
        {
            return PointId.FromUuid(uuid);
        }

        throw ApiException.Format($"{field}: {value.GetRawText()} is not a point id (an unsigned integer or a UUID string)");
    }

    public static IReadOnlyList<PointId> ParseList(JsonElement value, string field)
    {
        var ids = new List<PointId>();
        foreach (var element in value.Array(field))
        {
            ids.Add(Parse(element, field));
        }

        return ids;
    }

    /// <summary>An id in a URL path: decimal digits or a UUID.</summary>
    public static PointId ParsePath(string text) =>
        PointId.TryParse(text, out var id)
            ? id.Value
            : throw ApiException.Query($"id: `{text}` is not a point id (an unsigned integer or a UUID)");
}
