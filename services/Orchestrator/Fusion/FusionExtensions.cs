namespace MultiCluster.Orchestrator.Fusion;

public static class FusionExtensions
{
    /// <summary>Fusion settings per library, FuseResults and SetFusionAlgorithm, and ML_BASED's stored models.</summary>
    public static IServiceCollection AddFusion(this IServiceCollection services)
    {
        services.AddSingleton<LibraryFusion>();
        services.AddSingleton<FusionRequests>();
        services.AddSingleton<FusionModelStore>();
        return services;
    }
}
