namespace MultiCluster.Discovery.Storage;

/// <summary>What the scheduler needs of a library's past: its last analysis start and the size its latest map saw.</summary>
public sealed record LibraryMapState(string Library, DateTimeOffset? LastStartedAt, long? LastMapTotalPoints);
