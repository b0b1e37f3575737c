using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// The way from a library's points to its routed domains, as the end-to-end tests, the simulation and the benchmarks
/// drive the real services: a Discovery analysis publishing a domain map, Specialization placing that map (and, when
/// asked, splitting "unassigned" into it), the Orchestrator routing by it. Waits are bounded by
/// <see cref="WaitBound"/> and the analysis by <see cref="AnalysisBound"/>: the tests' <see cref="Bounded.Timeout"/>
/// unless a long run (thousands of images) gives minutes.
/// </summary>
public sealed class LibraryPlacement(CallInvoker discovery, CallInvoker specialization, CallInvoker? orchestrator = null)
{
    private readonly DiscoveryService.DiscoveryServiceClient _discovery = new(discovery);
    private readonly SpecializationService.SpecializationServiceClient _specialization = new(specialization);

    /// <summary>How long Discovery's analysis may run.</summary>
    public TimeSpan AnalysisBound { get; init; } = Bounded.Timeout;

    /// <summary>How long each other step may take (a call, the placement, the Orchestrator catching up).</summary>
    public TimeSpan WaitBound { get; init; } = Bounded.Timeout;

    /// <summary>How often a wait asks again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A k-means analysis of <paramref name="library"/> into <paramref name="k"/> domains.</summary>
    public static AnalyzeDomainsRequest KMeans(string library, uint k, ulong seed) => new()
    {
        Library = library,
        Settings = new AnalysisSettings
        {
            Strategy = AnalysisStrategy.Kmeans,
            Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = k, Seed = seed } },
        },
    };

    /// <summary>Lowers Discovery's size gates for the library, so small, unequal domains publish as found.</summary>
    public async Task AdmitSmallDomainsAsync(string library) =>
        await _discovery.UpdateDomainThresholdsAsync(new UpdateDomainThresholdsRequest
        {
            Library = library,
            Thresholds = new DomainThresholds { MinDomainPoints = 1, MaxDomainShare = 1 },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "min_domain_points", "max_domain_share" } },
        }).ResponseAsync.WaitAsync(WaitBound);

    /// <summary>Runs the analysis to its end and returns the map it published; one that did not succeed throws.</summary>
    public async Task<DomainMap> AnalyzeAsync(AnalyzeDomainsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Discovery's scheduler may analyse a library of new points on its own, and one analysis per library runs at a
        // time: wait for that one to end rather than fail.
        var started = await Eventually.ValueAsync(
            () => StartAnalysisAsync(request), s => s is not null, $"Discovery to accept an analysis of {request.Library}", WaitBound, PollInterval);
        OperationProgress? last = null;
        using (var watch = _discovery.WatchAnalysis(new WatchAnalysisRequest { OperationId = started!.OperationId }, deadline: DateTime.UtcNow + AnalysisBound))
        {
            while (last is not { Terminal: true } && await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                last = watch.ResponseStream.Current.Progress;
            }
        }

        if (last is not { State: OperationState.Succeeded })
        {
            throw new InvalidOperationException($"the analysis of {request.Library} ended {last?.State}: {last?.Message}");
        }

        return (await _discovery.GetDomainMapAsync(new GetDomainMapRequest { Library = request.Library }).ResponseAsync.WaitAsync(WaitBound)).Map;
    }

    /// <summary>
    /// Asks Specialization to place <paramref name="map"/> and returns the routing table once it places every domain
    /// (no move running); with <paramref name="split"/>, once "unassigned" is empty too and no migration runs.
    /// </summary>
    public async Task<RoutingTable> PlaceAsync(string library, DomainMap map, bool split = false, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        await _specialization.SpecializeClusterAsync(new SpecializeClusterRequest { Library = library, DomainMapVersion = map.Version, RequestId = requestId ?? "" })
            .ResponseAsync.WaitAsync(WaitBound);
        var placed = await Eventually.ValueAsync(
            async () =>
            {
                var table = (await _specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library }).ResponseAsync).Table;
                var done = table.DomainMapVersion == map.Version && map.Domains.All(d => table.Entries.Any(e => e.DomainId == d.DomainId && e.WriteClusters.Count > 0 && !e.Migrating));
                if (done && split)
                {
                    var status = await _specialization.GetSpecializationStatusAsync(new GetSpecializationStatusRequest { Library = library }).ResponseAsync;
                    done = status.UnassignedPoints == 0 && status.ActiveMigrations.Count == 0;
                }

                return (Table: table, Done: done);
            },
            read => read.Done,
            $"Specialization to place every domain of {library} (map v{map.Version})" + (split ? " and empty its unassigned" : ""),
            WaitBound,
            PollInterval);
        return placed.Table;
    }

    /// <summary>
    /// Waits until the Orchestrator routes <paramref name="library"/> by <paramref name="map"/> (and by
    /// <paramref name="table"/>'s version or a later one, when given) and <paramref name="also"/> holds; returns its status then.
    /// </summary>
    public Task<GetLibraryStatusResponse> ServedAsync(
        string library, DomainMap map, RoutingTable? table, Func<GetLibraryStatusResponse, bool>? also = null, Func<GetLibraryStatusResponse, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var client = new OrchestratorService.OrchestratorServiceClient(orchestrator ?? throw new InvalidOperationException("This placement has no Orchestrator."));
        return Eventually.ValueAsync(
            async () => await client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = library }).ResponseAsync,
            s => s.DomainMapVersion == map.Version && (table is null || s.RoutingVersion >= table.Version) && (also?.Invoke(s) ?? true),
            $"the Orchestrator to route {library} by map v{map.Version}" + (table is null ? "" : $" and table v{table.Version}"),
            WaitBound,
            PollInterval,
            describe);
    }

    private async Task<AnalyzeDomainsResponse?> StartAnalysisAsync(AnalyzeDomainsRequest request)
    {
        try
        {
            return await _discovery.AnalyzeDomainsAsync(request).ResponseAsync;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return null;
        }
    }
}
