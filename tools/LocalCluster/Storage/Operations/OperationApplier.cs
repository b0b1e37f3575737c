using System.Text.Json;

namespace MultiCluster.LocalCluster.Storage.Operations;

/// <summary>Applies a logged operation to a store: the one place writes change points, live and on replay.</summary>
internal static class OperationApplier
{
    /// <summary>Applies one logged operation to a store (used live and on replay).</summary>
    public static void Apply(PointStore store, PointOperation operation)
    {
        switch (operation)
        {
            case UpsertOperation upsert:
                foreach (var point in upsert.Points)
                {
                    store.Upsert(point);
                }

                break;
            case DeleteOperation delete:
                foreach (var id in delete.Ids)
                {
                    store.Remove(id);
                }

                break;
            default:
                foreach (var id in PayloadTargets(operation))
                {
                    if (store.TryGetSlot(id, out var slot))
                    {
                        store.SetPayload(slot, EditPayload(store.PayloadAt(slot), operation));
                    }
                }

                break;
        }
    }

    private static IReadOnlyList<PointId> PayloadTargets(PointOperation operation) => operation switch
    {
        SetPayloadOperation set => set.Ids,
        OverwritePayloadOperation overwrite => overwrite.Ids,
        DeletePayloadKeysOperation deleteKeys => deleteKeys.Ids,
        ClearPayloadOperation clear => clear.Ids,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static JsonElement? EditPayload(JsonElement? stored, PointOperation operation) => operation switch
    {
        SetPayloadOperation set => PayloadEdits.Merge(stored, set.Payload, set.Key),
        OverwritePayloadOperation overwrite => overwrite.Payload,
        DeletePayloadKeysOperation deleteKeys => PayloadEdits.RemoveKeys(stored, deleteKeys.Keys),
        _ => null,
    };
}
