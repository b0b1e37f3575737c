using System.Text.Json;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage.Operations;

namespace MultiCluster.LocalCluster.Storage;

// Writes: validated whole before anything is logged (a rejected batch changes nothing), then logged, applied, and
// (with wait) made durable before returning.
public sealed partial class VectorCollection
{
    /// <summary>Inserts or replaces points; every vector must have the collection's size and finite components.</summary>
    public UpdateResult Upsert(IReadOnlyList<PointRecord> points, bool wait = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        var prepared = new PointRecord[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            prepared[i] = Prepare(points[i]);
        }

        return Write(() => new UpsertOperation(prepared), wait);
    }

    /// <summary>Deletes the selected points; ids that do not exist are ignored.</summary>
    public UpdateResult Delete(PointSelector selector, bool wait = true) =>
        Write(() => new DeleteOperation(Resolve(selector)), wait);

    /// <summary>Merges keys into the selected points' payloads (under the dotted <paramref name="key"/> when given).</summary>
    public UpdateResult SetPayload(PointSelector selector, JsonElement payload, string? key = null, bool wait = true)
    {
        RequireObject(payload);
        var copy = payload.Clone();
        return Write(() => new SetPayloadOperation(Resolve(selector), copy, key), wait);
    }

    /// <summary>Replaces the selected points' payloads whole.</summary>
    public UpdateResult OverwritePayload(PointSelector selector, JsonElement payload, bool wait = true)
    {
        RequireObject(payload);
        var copy = payload.Clone();
        return Write(() => new OverwritePayloadOperation(Resolve(selector), copy), wait);
    }

    /// <summary>Removes keys from the selected points' payloads.</summary>
    public UpdateResult DeletePayloadKeys(PointSelector selector, IReadOnlyList<string> keys, bool wait = true) =>
        Write(() => new DeletePayloadKeysOperation(Resolve(selector), [.. keys]), wait);

    /// <summary>Removes the whole payload of the selected points.</summary>
    public UpdateResult ClearPayload(PointSelector selector, bool wait = true) =>
        Write(() => new ClearPayloadOperation(Resolve(selector)), wait);

    private UpdateResult Write(Func<PointOperation> build, bool wait)
    {
        ulong sequence;
        lock (_writeGate)
        {
            ThrowIfClosed();

            // Building may read the store (to resolve a filter to ids): safe, as only writers change it and this
            // writer holds the gate.
            var operation = build();
            sequence = _sequence + 1;
            _journal?.Append(sequence, operation);
            _sequence = sequence;
            _lock.EnterWriteLock();
            try
            {
                OperationApplier.Apply(_store, operation);
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            if (_journal is not null && ++_sinceCheckpoint >= _checkpointEvery)
            {
                CheckpointWhileGated(sequence);
            }
        }

        if (wait)
        {
            try
            {
                _journal?.WaitDurable(sequence);
            }
            catch (ObjectDisposedException)
            {
                throw StorageException.CollectionNotFound(Name); // dropped while this write waited for the disk
            }
        }

        return new UpdateResult(sequence, wait);
    }

    /// <summary>A failed checkpoint loses nothing (the log still holds every write), so it is reported and retried later.</summary>
    private void CheckpointWhileGated(ulong sequence)
    {
        try
        {
            _journal!.Checkpoint(_config, sequence, _store);
            _sinceCheckpoint = 0;
            StorageLog.Checkpointed(_logger, Name, sequence, _store.Count);
        }
        catch (IOException e)
        {
            StorageLog.CheckpointFailed(_logger, Name, sequence, e);
        }
    }

    private IReadOnlyList<PointId> Resolve(PointSelector selector)
    {
        if (selector.Ids is { } ids)
        {
            return ids;
        }

        var matching = new List<PointId>();
        var filter = selector.Filter;
        for (var slot = 0; slot < _store.Count; slot++)
        {
            if (filter is null || filter.Matches(_store.IdAt(slot), _store.PayloadAt(slot)))
            {
                matching.Add(_store.IdAt(slot));
            }
        }

        return matching;
    }

    /// <summary>Checks a point against the collection and returns what is stored (normalised for Cosine).</summary>
    private PointRecord Prepare(PointRecord point)
    {
        var config = _config;
        if (point.Vector.Length != config.Size)
        {
            throw StorageException.DimensionMismatch(config.Size, point.Vector.Length);
        }

        foreach (var component in point.Vector)
        {
            if (!float.IsFinite(component))
            {
                throw StorageException.BadInput($"Point {point.Id}: vector components must be finite numbers (found {component}).");
            }
        }

        if (point.Payload is { ValueKind: not JsonValueKind.Null } payload)
        {
            RequireObject(payload);
        }

        var vector = (float[])point.Vector.Clone();
        if (config.Distance == Distance.Cosine)
        {
            VectorMath.Normalize(vector);
        }

        var stored = point.Payload is { ValueKind: JsonValueKind.Object } p ? p.Clone() : (JsonElement?)null;
        return new PointRecord(point.Id, vector, stored);
    }

    private static void RequireObject(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw StorageException.BadInput($"A payload must be a JSON object, not {payload.ValueKind}.");
        }
    }
}
