using System.Diagnostics;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Bench.Routing;

/// <summary>
/// Sequential searches of every query through the Orchestrator with one set of hints: the ids each returned, its
/// latency as the client saw it, and the fraction of the library's points its searched domains hold.
/// </summary>
internal sealed class SearchPass(string name)
{
    public const uint Limit = 10;

    /// <summary>The budget of every benchmark search: generous, so a loaded machine shows as latency, not as partial answers.</summary>
    public const uint TimeoutMs = 10_000;

    public string Name { get; } = name;

    public List<string[]> Ids { get; } = [];

    public List<double> LatencyMs { get; } = [];

    public List<double> Fractions { get; } = [];

    public List<int> Domains { get; } = [];

    public int Partial { get; private set; }

    public double MeanFraction => Fractions.Average();

    public static SearchRequest Request(string library, float[] vector, RoutingHints hints, FusionConfig? fusion)
    {
        var request = new SearchRequest { Library = library, Vector = { vector }, Limit = Limit, TimeoutMs = TimeoutMs, Routing = hints.Clone() };
        request.Routing.BypassCache = true;
        if (fusion is not null)
        {
            request.Fusion = fusion;
        }

        return request;
    }

    public async Task SearchAsync(OrchestratorService.OrchestratorServiceClient client, RoutedLibrary library, float[] vector, RoutingHints hints, FusionConfig? fusion)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.SearchAsync(Request(library.Name, vector, hints, fusion));
        LatencyMs.Add(clock.Elapsed.TotalMilliseconds);
        Ids.Add([.. response.Points.Select(p => p.Id)]);
        Domains.Add(response.SearchedDomainIds.Count(d => d != Clusters.LibraryName.Unassigned));
        Fractions.Add(response.SearchedDomainIds.Sum(d => library.Counts.GetValueOrDefault(d)) / (double)library.Total);
        Partial += response.Partial ? 1 : 0;
    }

    public static async Task<SearchPass> RunAsync(string name, OrchestratorService.OrchestratorServiceClient client, RoutedLibrary library, IReadOnlyList<float[]> queries, RoutingHints hints, FusionConfig? fusion = null)
    {
        var pass = new SearchPass(name);
        foreach (var query in queries)
        {
            await pass.SearchAsync(client, library, query, hints, fusion);
        }

        return pass;
    }
}
