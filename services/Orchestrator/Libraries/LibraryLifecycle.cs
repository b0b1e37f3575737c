using System.Buffers.Text;
using System.Text;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Snapshots;
using ClusterDistance = MultiCluster.Clusters.Distance;
using Distance = MultiCluster.Contracts.V1.Distance;

namespace MultiCluster.Orchestrator.Libraries;

/// <summary>
/// CreateLibrary, ListLibraries and DropLibrary. A library is a catalog row plus its collections on the clusters:
/// created with "{library}__unassigned" on the default cluster (where its points go before any discovery, and where
/// Discovery finds it), dropped with every "{library}__*" collection on every cluster and announced by "library.dropped"
/// so Discovery and Specialization forget their state of it.
/// </summary>
public sealed class LibraryLifecycle(
    LibraryCatalog catalog,
    IClusterRegistry registry,
    SnapshotRefresher refresher,
    RoutingCalibrations calibrations,
    LibraryPolicies policies,
    FusionModelStore fusionModels,
    TimeProvider time)
{
    public const int MaxDimension = 65_536;
    public const int MaxDescriptionLength = 4_096;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1_000;

    public async Task<CreateLibraryResponse> CreateAsync(CreateLibraryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireName(request.Name, "name");
        if (request.Dimension is 0 or > MaxDimension)
        {
            throw OrchestratorException.Invalid($"dimension: {request.Dimension} is out of range; give the vector length, 1 to {MaxDimension:N0}.");
        }

        if (request.Distance is not (Distance.Cosine or Distance.Dot or Distance.Euclid))
        {
            throw OrchestratorException.Invalid($"distance: {request.Distance} is not a distance; use DISTANCE_COSINE, DISTANCE_DOT or DISTANCE_EUCLID.");
        }

        if (request.Description.Length > MaxDescriptionLength)
        {
            throw OrchestratorException.Invalid($"description: {request.Description.Length:N0} characters; at most {MaxDescriptionLength:N0}.");
        }

        var (library, created) = await catalog.AddAsync(request.Name, request.Dimension, request.Distance, request.Description, cancellationToken);
        if (!created && (library.Dimension != request.Dimension || library.Distance != request.Distance))
        {
            throw new OrchestratorException(FailureKind.AlreadyExists,
                $"name: library {LibraryName.Quote(request.Name)} exists with dimension {library.Dimension} and {library.Distance}; " +
                "choose another name, or drop it first (DropLibrary) to recreate it with other settings.");
        }

        // Repeated by an idempotent retry too: a create that stopped after the catalog row finishes here.
        await EnsureUnassignedAsync(library, cancellationToken);
        await refresher.RefreshAsync(library.Name, cancellationToken);
        return new CreateLibraryResponse { Library = library, Created = created };
    }

    public async Task<ListLibrariesResponse> ListAsync(ListLibrariesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var after = "";
        if (request.Pagination?.PageToken is { Length: > 0 } token)
        {
            after = FromToken(token) ?? throw OrchestratorException.Invalid(
                "pagination.page_token: not a token this service issued; pass next_page_token from the previous response unchanged, or leave it empty for the first page.");
        }

        var size = request.Pagination?.PageSize is > 0 and var asked ? (int)Math.Min(asked, MaxPageSize) : DefaultPageSize;
        var page = await catalog.ListAsync(after, size + 1, cancellationToken);
        var response = new ListLibrariesResponse();
        response.Libraries.AddRange(page.Take(size));
        if (page.Count > size)
        {
            response.NextPageToken = ToToken(page[size - 1].Name);
        }

        return response;
    }

    public async Task<DropLibraryResponse> DropAsync(DropLibraryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireName(request.Name, "name");
        var removed = await catalog.RemoveAsync(request.Name, time.GetUtcNow(), cancellationToken) is not null;
        if (!removed && !request.IfExists)
        {
            throw OrchestratorException.NotFound($"name: no library {LibraryName.Quote(request.Name)}; list them with ListLibraries, or set if_exists to make the drop succeed anyway.");
        }

        // Collections are dropped even when the catalog had no row: a drop that failed half-way is finished by a retry.
        var response = new DropLibraryResponse { Dropped = removed };
        var prefix = request.Name + LibraryName.Separator;
        foreach (var cluster in registry.Current.Clusters)
        {
            try
            {
                foreach (var collection in (await cluster.ListCollectionsAsync(cancellationToken)).Where(c => c.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    response.CollectionsDeleted += await cluster.DropCollectionAsync(collection, cancellationToken) ? 1u : 0u;
                }
            }
            catch (VectorClusterException e)
            {
                response.FailedClusters.Add(new ClusterFailure
                {
                    Cluster = new ClusterRef { Name = cluster.Name },
                    Code = "UNAVAILABLE",
                    Reason = $"{e.Message} Its collections of {request.Name} remain; call DropLibrary again with if_exists once it is back.",
                });
            }
        }

        // What this instance holds of the library goes too, so one created again under the name starts clean (cached
        // answers need nothing: their keys hold the library's creation time). Other instances drop their snapshot at
        // their next catalog pass; their in-memory settings expire within seconds.
        calibrations.Remove(request.Name);
        policies.Forget(request.Name);
        fusionModels.Forget(request.Name);
        await refresher.RefreshAsync(request.Name, cancellationToken);
        return response;
    }

    private async Task EnsureUnassignedAsync(Library library, CancellationToken cancellationToken)
    {
        var spec = new CollectionSpec(LibraryName.Collection(library.Name, LibraryName.Unassigned), (int)library.Dimension, library.Distance switch
        {
            Distance.Dot => ClusterDistance.Dot,
            Distance.Euclid => ClusterDistance.Euclid,
            _ => ClusterDistance.Cosine,
        });
        try
        {
            await registry.DefaultCluster.CreateCollectionAsync(spec, cancellationToken);
        }
        catch (CollectionAlreadyExistsException)
        {
            // Created by an earlier attempt of the same library.
        }
    }

    private static void RequireName(string name, string field)
    {
        if (!LibraryName.IsValid(name))
        {
            throw OrchestratorException.Invalid(
                $"{field}: {LibraryName.Quote(name)} is not a library name; use 1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit, without \"__\".");
        }
    }

    private static string ToToken(string lastName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("after:" + lastName));

    private static string? FromToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith("after:", StringComparison.Ordinal) && LibraryName.IsValid(text[6..]) ? text[6..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
