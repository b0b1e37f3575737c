using System.Text.Json;

namespace MultiCluster.LocalCluster.Storage.Operations;

// The writes a collection logs and replays. Each names its points by id: a write given a filter is resolved to ids
// before it is logged, so replaying the log never depends on evaluating a filter against a different state.

/// <summary>A write to the points of a collection, as logged.</summary>
internal abstract record PointOperation;

/// <summary>Insert or replace whole points.</summary>
internal sealed record UpsertOperation(IReadOnlyList<PointRecord> Points) : PointOperation;

/// <summary>Remove points; ids that do not exist are ignored.</summary>
internal sealed record DeleteOperation(IReadOnlyList<PointId> Ids) : PointOperation;

/// <summary>Merge keys into the payloads (at <paramref name="Key"/> when given); a null value removes its key.</summary>
internal sealed record SetPayloadOperation(IReadOnlyList<PointId> Ids, JsonElement Payload, string? Key) : PointOperation;

/// <summary>Replace the payloads whole.</summary>
internal sealed record OverwritePayloadOperation(IReadOnlyList<PointId> Ids, JsonElement Payload) : PointOperation;

/// <summary>Remove keys (dotted paths) from the payloads.</summary>
internal sealed record DeletePayloadKeysOperation(IReadOnlyList<PointId> Ids, IReadOnlyList<string> Keys) : PointOperation;

/// <summary>Remove every key from the payloads.</summary>
internal sealed record ClearPayloadOperation(IReadOnlyList<PointId> Ids) : PointOperation;
