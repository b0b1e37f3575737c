using Grpc.Core;
using MultiCluster.Messaging;
using Npgsql;
using TraceHost.V1;

namespace TraceHost.Grpc;

/// <summary>The relay's three calls; which service Forward reaches is Relay:Next (an app id of Messaging:Services).</summary>
public sealed class RelayService(IServiceInvoker invoker, IConfiguration configuration, NpgsqlDataSource database, IEventPublisher publisher)
    : Relay.RelayBase
{
    public override async Task<RelayReply> Forward(RelayRequest request, ServerCallContext context)
    {
        var next = new Relay.RelayClient(invoker.CreateCallInvoker(configuration["Relay:Next"] ?? "beta"));
        return await next.ReceiveAsync(request, cancellationToken: context.CancellationToken);
    }

    public override async Task<RelayReply> Receive(RelayRequest request, ServerCallContext context)
    {
        await using (var insert = database.CreateCommand("INSERT INTO relay_receipts (note) VALUES ($1)"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = request.Note });
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }

        await publisher.PublishAsync(RelayTopics.Relayed, new Relayed { Note = request.Note }, context.CancellationToken);
        return new RelayReply();
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
