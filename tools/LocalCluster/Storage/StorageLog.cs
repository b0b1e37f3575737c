namespace MultiCluster.LocalCluster.Storage;

/// <summary>What storage reports about itself, with stable event ids.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Opened collection {Collection}: {Points} points, {Replayed} log records replayed")]
    public static partial void CollectionOpened(ILogger logger, string collection, int points, int replayed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Collection {Collection}: dropped a torn log tail of {Bytes} bytes after operation {Sequence} (a write that was never acknowledged as durable)")]
    public static partial void TornTailDropped(ILogger logger, string collection, long bytes, ulong sequence);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Collection {Collection}: checkpoint at operation {Sequence} ({Points} points)")]
    public static partial void Checkpointed(ILogger logger, string collection, ulong sequence, int points);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Created collection {Collection} ({Size} dimensions, {Distance})")]
    public static partial void CollectionCreated(ILogger logger, string collection, int size, string distance);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Deleted collection {Collection}")]
    public static partial void CollectionDeleted(ILogger logger, string collection);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Recovered collection {Collection} from a snapshot ({Points} points)")]
    public static partial void CollectionRecovered(ILogger logger, string collection, int points);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Removing leftovers of an interrupted operation: {Path}")]
    public static partial void RemovingLeftovers(ILogger logger, string path);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Collection {Collection}: checkpoint at operation {Sequence} failed; the log keeps every write and the checkpoint is retried")]
    public static partial void CheckpointFailed(ILogger logger, string collection, ulong sequence, Exception exception);
}
