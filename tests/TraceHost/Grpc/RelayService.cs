using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults.Auth;
using Npgsql;
using TraceHost.V1;

namespace TraceHost.Grpc;

/// <summary>
/// The relay's three calls. Forward reaches the service Relay:Next names through the client AddServiceClient made, which
/// adds the outgoing key and carries this call's deadline and cancellation on: nothing of either is passed here.
/// </summary>
public sealed class RelayService(Relay.RelayClient next, NpgsqlDataSource database, IEventPublisher publisher)
    : Relay.RelayBase
{
    public override async Task<RelayReply> Forward(RelayRequest request, ServerCallContext context) => await next.ReceiveAsync(request);

    public override async Task<RelayReply> Receive(RelayRequest request, ServerCallContext context)
    {
        await using (var insert = database.CreateCommand("INSERT INTO relay_receipts (note) VALUES ($1)"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = request.Note });
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }

        await publisher.PublishAsync(RelayTopics.Relayed, new Relayed { Note = request.Note }, context.CancellationToken);
        return new RelayReply
        {
            Caller = context.GetCaller()?.Name ?? "",
            Deadline = context.Deadline == DateTime.MaxValue ? null : Timestamp.FromDateTime(context.Deadline),
        };
    }

    public override async Task<RelayReply> PublishDetached(RelayRequest request, ServerCallContext context)
    {
        // Without the flow of the execution context the task starts with no current activity, as a timer would.
        Task publishing;
        using (ExecutionContext.SuppressFlow())
        {
            publishing = Task.Run(() => publisher.PublishAsync(RelayTopics.Relayed, new Relayed { Note = request.Note }, CancellationToken.None));
        }

        await publishing.WaitAsync(context.CancellationToken);
        return new RelayReply();
    }
}
