using Grpc.Core;
using MultiCluster.Clusters;
using Npgsql;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// How a service's endpoints turn what its logic throws into the status a caller gets, written once for every
/// service: its own refusals through the table it gives (its failure kind, or exception type, to a status; the message
/// kept, as it already starts with the field at fault), a cluster that did not answer and the service's database that
/// did not answer as UNAVAILABLE with what to do. Any other exception is a bug and stays one.
/// </summary>
/// <param name="database">The service's database as a caller should read it, e.g. "discovery".</param>
/// <param name="refusal">The status of one of the service's own refusals; null for any other exception.</param>
public sealed class RpcErrorMap(string database, Func<Exception, StatusCode?> refusal)
{
    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public async Task<T> Answer<T>(Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception e) when (ToRpc(e) is { } status)
        {
            throw status;
        }
    }

    /// <summary>Runs a handler body without a result (a stream's); an exception of the logic becomes the status it stands for.</summary>
    public async Task Answer(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await body();
        }
        catch (Exception e) when (ToRpc(e) is { } status)
        {
            throw status;
        }
    }

    /// <summary>The status <paramref name="e"/> stands for; null when it is none of the logic's failures (a bug).</summary>
    public RpcException? ToRpc(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return refusal(e) is { } code
            ? new RpcException(new Status(code, e.Message))
            : e switch
            {
                VectorClusterException cluster => new RpcException(new Status(StatusCode.Unavailable,
                    $"cluster {cluster.Cluster} did not answer as needed: {e.Message} Try again when it is healthy (HealthCheckClusters).")),
                NpgsqlException => new RpcException(new Status(StatusCode.Unavailable, $"the {database} database did not answer ({e.Message}); try again shortly.")),
                _ => null,
            };
    }
}
