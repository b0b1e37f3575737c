using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Grpc;

/// <summary>GetRoutingTable and WatchRoutingTable.</summary>
public sealed partial class SpecializationService
{
    public override Task<GetRoutingTableResponse> GetRoutingTable(GetRoutingTableRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () => new GetRoutingTableResponse { Table = await routingLookup.GetAsync(request.Library, request.Version, context.CancellationToken) });

    /// <summary>An unknown library is watched all the same: its first version is sent when placement makes it.</summary>
    public override Task WatchRoutingTable(WatchRoutingTableRequest request, IServerStreamWriter<WatchRoutingTableResponse> responseStream, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            LibraryArgument.Check(request.Library, emptyMeans: "every library");
            using var window = new WatchWindow(context);
            await window.RunAsync(token => routingWatcher.WatchAsync(request.Library, request.AfterVersion,
                table => responseStream.WriteAsync(new WatchRoutingTableResponse { Table = table }, token), token));
        });
}
