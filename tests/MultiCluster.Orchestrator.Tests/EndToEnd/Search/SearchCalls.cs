using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Search;

/// <summary>The query calls the search tests make over and over, each bounded.</summary>
internal static class SearchCalls
{
    /// <summary>A search of <paramref name="vector"/> for 10 results, shaped further by <paramref name="shape"/>.</summary>
    public static async Task<SearchResponse> SearchAsync(this OrchestratorFixture mesh, string library, float[] vector, Action<SearchRequest>? shape = null)
    {
        var request = new SearchRequest { Library = library, Vector = { vector }, Limit = 10 };
        shape?.Invoke(request);
        return await mesh.Client.SearchAsync(request, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.Within();
    }

    /// <summary>The same, never answered from the result cache.</summary>
    public static Task<SearchResponse> FreshSearchAsync(this OrchestratorFixture mesh, string library, float[] vector, Action<SearchRequest>? shape = null) =>
        mesh.SearchAsync(library, vector, request =>
        {
            request.Routing ??= new RoutingHints();
            request.Routing.BypassCache = true;
            shape?.Invoke(request);
        });

    public static async Task<RoutingDecision> RouteAsync(this OrchestratorFixture mesh, string library, float[] vector, RoutingHints? hints = null) =>
        (await mesh.Client.RouteQueryAsync(new RouteQueryRequest { Library = library, Vector = { vector }, Routing = hints }).ResponseAsync.Within()).Decision;

    public static async Task<GetCrossClusterMetricsResponse> MetricsAsync(this OrchestratorFixture mesh, string library) =>
        await mesh.Client.GetCrossClusterMetricsAsync(new GetCrossClusterMetricsRequest { Library = library }).ResponseAsync.Within();

    /// <summary>Sets the named fields of a library's routing settings (SetRoutingStrategy with an update mask).</summary>
    public static async Task<RoutingSettings> SetRoutingAsync(this OrchestratorFixture mesh, string library, RoutingSettings settings, params string[] fields) =>
        (await mesh.Client.SetRoutingStrategyAsync(new SetRoutingStrategyRequest
        {
            Library = library,
            Settings = settings,
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { fields } },
        }).ResponseAsync.Within()).Settings;

    /// <summary>
    /// No hedged requests (hedge_after_ms 0): each domain is read from the copy the router chose, so a test can
    /// compare where searches went with where RouteQuery said they would.
    /// </summary>
    public static Task<RoutingSettings> NoHedgingAsync(this OrchestratorFixture mesh, string library) =>
        mesh.SetRoutingAsync(library, new RoutingSettings { HedgeAfterMs = 0 }, "hedge_after_ms");

    /// <summary>Domains a search or decision reached, "unassigned" left out (whether it holds points is counted apart, every 2 s).</summary>
    public static IReadOnlyList<string> Domains(IEnumerable<string> domainIds) =>
        [.. domainIds.Where(d => d != Clusters.LibraryName.Unassigned).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
