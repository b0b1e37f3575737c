using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using Npgsql;

namespace TraceHost;

/// <summary>The second hop: one PostgreSQL command, then an event for whoever subscribes.</summary>
public sealed class RelayBackend(NpgsqlDataSource database, IEventPublisher publisher) : SpecializationService.SpecializationServiceBase
{
    public override async Task<GetRoutingTableResponse> GetRoutingTable(GetRoutingTableRequest request, ServerCallContext context)
    {
        await using (var command = database.CreateCommand("SELECT count(*) FROM schema_version"))
        {
            await command.ExecuteScalarAsync(context.CancellationToken);
        }

        await publisher.PublishAsync(RelayTopics.RoutingChanged, new StringValue { Value = request.Library }, context.CancellationToken);
        return new GetRoutingTableResponse();
    }
}
