using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>Qdrant's PointsSelector: {"points": [ids]} or {"filter": {...}}.</summary>
public static class PointSelectorParser
{
    public static PointSelector Parse(JsonElement body)
    {
        if (body.Optional("points") is { } points)
        {
            return PointSelector.ByIds(PointIdParser.ParseList(points, "points"));
        }

        if (FilterParser.ParseOptional(body) is { } filter)
        {
            return PointSelector.ByFilter(filter);
        }

        throw ApiException.Format("data did not match any variant of untagged enum PointsSelector (expected `points` or `filter`)");
    }
}
