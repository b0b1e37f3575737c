using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// Get: the ids looked up in every domain collection of the library and in "unassigned", all in parallel; each domain
/// on its read clusters in order (primary first), the next one only when the previous failed. A point is reported
/// with the cluster and domain it was read from; an id no answering cluster had is missing, and partial says that a
/// failed cluster might have had it.
/// </summary>
public sealed class Reads(IngestLibraries libraries, ClusterCalls calls)
{
    public const int MaxIds = 1_000;

    public async Task<GetResponse> GetAsync(GetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = await libraries.RoutesAsync(request.Library, "library", cancellationToken);
        var ids = PointIds.Canonical(request.Ids, "ids", MaxIds);
        var domains = routes.Readable.GroupBy(c => c.DomainId).ToList();
        var answers = await Task.WhenAll(domains.Select(d => ReadDomainAsync([.. d], ids, request, cancellationToken)));

        var found = new Dictionary<string, RetrievedPoint>(StringComparer.Ordinal);
        var response = new GetResponse();
        foreach (var (points, failures) in answers)
        {
            foreach (var point in points)
            {
                found.TryAdd(point.Id, point);
            }

            foreach (var failure in failures)
            {
                if (response.FailedClusters.FirstOrDefault(f => f.Cluster.Name == failure.Cluster.Name) is { } known)
                {
                    known.DomainIds.AddRange(failure.DomainIds.Except(known.DomainIds));
                }
                else
                {
                    response.FailedClusters.Add(failure);
                }
            }
        }

        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var point))
            {
                response.Points.Add(point);
            }
            else
            {
                response.MissingIds.Add(id);
            }
        }

        response.Partial = response.FailedClusters.Count > 0;
        return response;
    }

    private async Task<(List<RetrievedPoint> Points, List<ClusterFailure> Failures)> ReadDomainAsync(
        List<CollectionCopy> copies, List<string> ids, GetRequest request, CancellationToken cancellationToken)
    {
        var failures = new List<ClusterFailure>();
        foreach (var copy in copies)
        {
            var (records, failure) = await calls.TryAsync(copy.Cluster, ClusterCalls.ReadBudget, async (c, token) =>
            {
                try
                {
                    return await c.RetrieveAsync(copy.Collection, ids, request.WithPayload, request.WithVectors, token);
                }
                catch (CollectionNotFoundException)
                {
                    return [];
                }
            }, cancellationToken);
            if (failure is null)
            {
                return ([.. records!.Select(r => ToRetrieved(r, copy, request))], []);
            }

            failure.DomainIds.Add(copy.DomainId);
            failures.Add(failure);
        }

        return ([], failures);
    }

    private RetrievedPoint ToRetrieved(PointRecord record, CollectionCopy copy, GetRequest request)
    {
        var point = new RetrievedPoint { Id = record.Id, Cluster = calls.Ref(copy.Cluster), DomainId = copy.DomainId };
        if (request.WithPayload && record.Payload is { } payload)
        {
            point.Payload = Payloads.ToStruct(payload);
        }

        if (request.WithVectors)
        {
            point.Vector.AddRange(record.Vector);
        }

        return point;
    }
}
