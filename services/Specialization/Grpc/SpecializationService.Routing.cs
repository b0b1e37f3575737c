using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Grpc;

/// <summary>WatchRoutingTable (GetRoutingTable is in the class head, SpecializationService.cs).</summary>
public sealed partial class SpecializationService
{
    /// <summary>A named library without a routing table is refused (NOT_FOUND): the contract streams its current table first.</summary>
    public override Task WatchRoutingTable(WatchRoutingTableRequest request, IServerStreamWriter<WatchRoutingTableResponse> responseStream, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            LibraryArgument.Check(request.Library, emptyMeans: "every library");
            using var window = new WatchWindow(context);
            await window.RunAsync(token => routingWatcher.WatchAsync(request.Library, request.AfterVersion,
                table => responseStream.WriteAsync(new WatchRoutingTableResponse { Table = table }, token), token));
        });
}
