namespace MultiCluster.Orchestrator.Ingest;

/// <summary>The ingest area's handlers, one constructor argument of the endpoint instead of five.</summary>
public sealed record IngestEndpoints(Upserts Upserts, UpsertStreams Streams, Deletes Deletes, Reads Reads, LibraryStatusReader Status);
