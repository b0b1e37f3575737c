using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;
using MultiCluster.Orchestrator.Routing;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>FuseResults (client lists, no cluster touched) and SetFusionAlgorithm (a library's default fusion).</summary>
public sealed class FusionRequests(LibrarySettingsStore store, LibraryCatalog catalog, LibraryPolicies policies)
{
    public const int MaxLists = 64;
    public const int MaxPointsPerList = 10_000;
    public const int MaxLimit = 10_000;

    public FuseResultsResponse Fuse(FuseResultsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Lists.Count is 0 or > MaxLists)
        {
            throw OrchestratorException.Invalid($"lists: {request.Lists.Count} lists; give 1 to {MaxLists} ranked lists to fuse.");
        }

        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < request.Lists.Count; i++)
        {
            ValidateList(request.Lists[i], i, sources);
        }

        FusionConfigValidator.Validate(request.Fusion, "fusion", algorithmRequired: true);
        if (request.Limit > MaxLimit)
        {
            throw OrchestratorException.Invalid($"limit: {request.Limit:N0} is out of range; use 1 to {MaxLimit:N0}, or 0 for all fused points.");
        }

        var lists = request.Lists.Select(l => new RankedSource(l.Source, l.Points, l.LowerIsBetter)).ToList();
        var response = new FuseResultsResponse();
        response.Points.AddRange(ResultFusion.Fuse(lists, request.Fusion, (int)request.Limit));
        return response;
    }

    public async Task<SetFusionAlgorithmResponse> SetAsync(SetFusionAlgorithmRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Library.Length > 0)
        {
            if (!LibraryName.IsValid(request.Library))
            {
                throw OrchestratorException.Invalid($"library: {LibraryName.Quote(request.Library)} is not a library name; give an existing library's name, or leave it empty to set the default.");
            }

            if (await catalog.GetAsync(request.Library, cancellationToken) is null)
            {
                throw OrchestratorException.NotFound($"library: no library {LibraryName.Quote(request.Library)}; create it first (CreateLibrary), or leave library empty to set the default.");
            }
        }

        FusionConfigValidator.Validate(request.Fusion, "fusion", algorithmRequired: true);
        await store.SetFusionAsync(request.Library, request.Fusion, cancellationToken);
        // Searches hold a library's settings for a few seconds; the next one through this process uses the new fusion.
        policies.Forget(request.Library);
        return new SetFusionAlgorithmResponse { Fusion = FusionSettings.Resolved(request.Fusion) };
    }

    private static void ValidateList(RankedList list, int index, Dictionary<string, int> sources)
    {
        var field = $"lists[{index}]";
        if (list.Source.Length is 0 or > FusionConfigValidator.MaxSourceLength || list.Source.Contains('\0', StringComparison.Ordinal))
        {
            throw OrchestratorException.Invalid($"{field}.source: give each list a label of 1 to {FusionConfigValidator.MaxSourceLength} characters (the key of fusion.weights).");
        }

        if (!sources.TryAdd(list.Source, index))
        {
            throw OrchestratorException.Invalid($"{field}.source: '{list.Source}' is also the source of lists[{sources[list.Source]}]; sources must be unique, merge the two lists or relabel one.");
        }

        if (list.Points.Count > MaxPointsPerList)
        {
            throw OrchestratorException.Invalid($"{field}.points: {list.Points.Count:N0} points; at most {MaxPointsPerList:N0} per list.");
        }

        for (var j = 0; j < list.Points.Count; j++)
        {
            var point = list.Points[j];
            if (point.Id.Length == 0)
            {
                throw OrchestratorException.Invalid($"{field}.points[{j}].id: empty; every point needs the id it is merged by.");
            }

            if (!float.IsFinite(point.Score))
            {
                throw OrchestratorException.Invalid($"{field}.points[{j}].score: {point.Score.ToString(CultureInfo.InvariantCulture)} is not a finite number; send the list's own scores.");
            }
        }
    }
}
