using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Storage;

/// <summary>Dense slots: upserts replace in place, deletes move the last slot into the hole, order is by id.</summary>
public sealed class PointStoreTests
{
    [Fact]
    public void DeletesAndUpserts_KeepEveryIdWithItsOwnVector_PastManyGrowths()
    {
        var store = new PointStore(3);
        var expected = new Dictionary<ulong, float[]>();
        var random = new Random(1);
        for (var round = 0; round < 5000; round++)
        {
            var id = (ulong)random.Next(0, 700);
            if (random.Next(3) == 0)
            {
                Assert.Equal(expected.Remove(id), store.Remove(PointId.FromNumber(id)));
            }
            else
            {
                float[] vector = [id, round, -round];
                store.Upsert(Points.Make(id, vector));
                expected[id] = vector;
            }
        }

        Assert.Equal(expected.Count, store.Count);
        foreach (var (id, vector) in expected)
        {
            Assert.True(store.TryGetSlot(PointId.FromNumber(id), out var slot));
            Assert.Equal(vector, store.VectorAt(slot).ToArray());
        }

        Assert.Equal(expected.Keys.Order(), store.IdsInOrder(null).Select(id => id.ToNumber()));
        Assert.Equal(expected.Keys.Where(k => k >= 350).Order(), store.IdsInOrder(PointId.FromNumber(350)).Select(id => id.ToNumber()));
    }
}
