using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Tests.Infrastructure;

/// <summary>Small builders for points in tests.</summary>
public static class Points
{
    public static PointRecord Make(ulong id, float[] vector, object? payload = null) =>
        new(PointId.FromNumber(id), vector, payload is null ? null : JsonSerializer.SerializeToElement(payload));

    public static PointSelector Ids(params ulong[] ids) => PointSelector.ByIds([.. ids.Select(PointId.FromNumber)]);

    public static RetrievedPoint? Get(VectorCollection collection, ulong id) =>
        collection.Retrieve([PointId.FromNumber(id)], PayloadSelector.All, withVector: true).SingleOrDefault();
}
