using System.Collections.Frozen;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>
/// The one place that says which role each gRPC method needs. Explicit entries first (by full name,
/// "package.Service/Method"); then open services; then the default by verb: Get*, List*, Search*, Watch* need
/// <see cref="Role.Reader"/>, anything else <see cref="Role.Admin"/>. Null means open: no key needed.
/// </summary>
public static class MethodRoles
{
    /// <summary>Services any caller may use without a key: probes and tools must work before keys are handed out.</summary>
    public static readonly FrozenSet<string> OpenServices = new[]
    {
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Methods whose role the verb rule would get wrong.</summary>
    public static readonly FrozenDictionary<string, Role> Explicit = new Dictionary<string, Role>(StringComparer.Ordinal)
    {
        // Service to service: Specialization applies plans and moves domains when Discovery and Rebalancer ask.
        ["library.v1.SpecializationService/SpecializeCluster"] = Role.Service,
        ["library.v1.SpecializationService/MigrateToSpecialization"] = Role.Service,
        ["library.v1.SpecializationService/PauseMigration"] = Role.Service,
        ["library.v1.SpecializationService/CancelMigration"] = Role.Service,

        // Computations and checks that change nothing.
        ["library.v1.OrchestratorService/ExecuteCrossClusterQuery"] = Role.Reader,
        ["library.v1.OrchestratorService/OrchestrateDomainSearch"] = Role.Reader,
        ["library.v1.OrchestratorService/FuseResults"] = Role.Reader,
        ["library.v1.OrchestratorService/RouteQuery"] = Role.Reader,
        ["library.v1.OrchestratorService/PredictOptimalClusters"] = Role.Reader,
        ["library.v1.DiscoveryService/DiscoverPatterns"] = Role.Reader,
        ["library.v1.DiscoveryService/ValidateDomainMapping"] = Role.Reader,
        ["library.v1.SpecializationService/ValidateSpecialization"] = Role.Reader,
        ["library.v1.SpecializationService/PlanPlacements"] = Role.Reader,
        ["library.v1.RebalancerService/AnalyzeLoadDistribution"] = Role.Reader,
        ["library.v1.RebalancerService/PredictRebalancingNeeds"] = Role.Reader,
        ["library.v1.ClusterAdminService/HealthCheckClusters"] = Role.Reader,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] ReaderVerbs = ["Get", "List", "Search", "Watch"];

    /// <summary>The role <paramref name="method"/> needs ("/package.Service/Method" or without the slash); null when open.</summary>
    public static Role? Required(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var fullName = method.TrimStart('/');
        if (Explicit.TryGetValue(fullName, out var role))
        {
            return role;
        }

        var slash = fullName.LastIndexOf('/');
        if (slash > 0 && OpenServices.Contains(fullName[..slash]))
        {
            return null;
        }

        var name = fullName[(slash + 1)..];
        return ReaderVerbs.Any(verb => IsVerb(name, verb)) ? Role.Reader : Role.Admin;
    }

    // "Get" and "GetDomainMap" are reads; "Getaway" is not (the verb must end at a capital letter or the name's end).
    private static bool IsVerb(string name, string verb) =>
        name.StartsWith(verb, StringComparison.Ordinal) && (name.Length == verb.Length || char.IsUpper(name[verb.Length]));
}
