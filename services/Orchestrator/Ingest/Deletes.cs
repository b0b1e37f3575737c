using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Caching;
using MultiCluster.Orchestrator.Filters;
using ClusterFilter = MultiCluster.Clusters.Filter;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// Delete by ids or by filter, on every collection copy of the library (each domain's read and write clusters, and
/// "unassigned"): a point may live in any of them. Clusters are visited in parallel; one that fails is named with the
/// domains whose copies it still holds, and the call can be repeated (deletes are idempotent).
/// </summary>
public sealed class Deletes(IngestLibraries libraries, ClusterCalls calls, ResultCache cache)
{
    public const int MaxIds = PointValidator.MaxPointsPerBatch;

    public async Task<DeleteResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = await libraries.RoutesAsync(request.Library, "library", cancellationToken);
        Func<IVectorCluster, string, CancellationToken, Task> delete = request.SelectorCase switch
        {
            DeleteRequest.SelectorOneofCase.Ids => ByIds(PointIds.Canonical(request.Ids.Ids, "ids.ids", MaxIds), request.Wait),
            DeleteRequest.SelectorOneofCase.Filter => ByFilter(ContractFilters.ToCluster(request.Filter, "filter"), request.Wait),
            _ => throw OrchestratorException.Invalid("ids: neither ids nor filter set; set exactly one (to delete a whole library use DropLibrary)."),
        };

        var failures = await Task.WhenAll(routes.Writable.GroupBy(c => c.Cluster).Select(async cluster =>
        {
            var copies = cluster.ToList();
            var done = 0;
            var (_, failure) = await calls.TryAsync(cluster.Key, ClusterCalls.WriteBudget, async (c, token) =>
            {
                foreach (var copy in copies)
                {
                    try
                    {
                        await delete(c, copy.Collection, token);
                    }
                    catch (CollectionNotFoundException)
                    {
                        // Placed but not created yet, or already cleaned up: nothing of the library there.
                    }

                    done++;
                }
            }, cancellationToken);
            failure?.DomainIds.AddRange(copies.Skip(done).Select(c => c.DomainId).Distinct(StringComparer.Ordinal));
            return failure;
        }));
        await cache.DomainsWrittenAsync(request.Library, routes.Writable.Select(c => c.DomainId));
        var response = new DeleteResponse();
        response.FailedClusters.AddRange(failures.OfType<ClusterFailure>());
        response.Partial = response.FailedClusters.Count > 0;
        return response;
    }

    private static Func<IVectorCluster, string, CancellationToken, Task> ByIds(List<string> ids, bool wait) =>
        (cluster, collection, token) => cluster.DeleteAsync(collection, ids, wait, token);

    private static Func<IVectorCluster, string, CancellationToken, Task> ByFilter(ClusterFilter filter, bool wait) => filter.IsEmpty
        ? throw OrchestratorException.Invalid("filter: empty, it would match every point; give at least one condition, or drop the whole library with DropLibrary.")
        : (cluster, collection, token) => cluster.DeleteByFilterAsync(collection, filter, wait, token);
}
