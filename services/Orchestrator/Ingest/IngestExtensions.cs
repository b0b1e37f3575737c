namespace MultiCluster.Orchestrator.Ingest;

/// <summary>The write and read-by-id side: Upsert, UpsertStream, Delete, Get, GetLibraryStatus, and ListLibraries' point counts.</summary>
public static class IngestExtensions
{
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<ClusterCalls>();
        services.AddSingleton<IngestLibraries>();
        services.AddSingleton<PointWriter>();
        services.AddSingleton<Upserts>();
        services.AddSingleton<UpsertStreams>();
        services.AddSingleton<Deletes>();
        services.AddSingleton<Reads>();
        services.AddSingleton<CollectionCounter>();
        services.AddSingleton<LibraryStatusReader>();
        services.AddSingleton<LibraryPointCounts>();
        services.AddSingleton<LibraryListing>();
        services.AddSingleton<IngestEndpoints>();
        return services;
    }
}
