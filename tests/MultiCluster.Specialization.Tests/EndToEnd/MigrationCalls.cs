using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>The migration RPCs as tests call them.</summary>
public static class MigrationCalls
{
    public static MigrateToSpecializationRequest Move(string library, string domainId, string target, uint batchSize = 0, uint workers = 0, uint maxPointsPerSecond = 0, string requestId = "") => new()
    {
        Move = new DomainMove { Library = library, DomainId = domainId, Target = new ClusterRef { Name = target } },
        BatchSize = batchSize,
        Workers = workers,
        MaxPointsPerSecond = maxPointsPerSecond,
        RequestId = requestId,
    };

    public static async Task<MigrationStatus> StartAsync(SpecializationService.SpecializationServiceClient client, MigrateToSpecializationRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        return (await client.MigrateToSpecializationAsync(request).ResponseAsync.Within()).Status;
    }

    /// <summary>Every message of WatchMigration until the stream ends (after the terminal status).</summary>
    public static async Task<List<WatchMigrationResponse>> WatchToEndAsync(SpecializationService.SpecializationServiceClient client, string operationId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var call = client.WatchMigration(new WatchMigrationRequest { OperationId = operationId }, deadline: DateTime.UtcNow.AddMinutes(3));
        var seen = new List<WatchMigrationResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).Within())
        {
            seen.Add(call.ResponseStream.Current);
        }

        return seen;
    }

    /// <summary>The status code and message a call failed with.</summary>
    public static async Task<RpcException> RefusedAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call().Within();
        }
        catch (RpcException e)
        {
            return e;
        }

        throw new InvalidOperationException("The call succeeded but was expected to be refused.");
    }
}
