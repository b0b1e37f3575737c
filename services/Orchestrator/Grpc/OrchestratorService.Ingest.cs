using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Grpc;

/// <summary>The write and read-by-id side: Upsert, UpsertStream, Delete, Get and GetLibraryStatus.</summary>
public sealed partial class OrchestratorService
{
    public override Task<UpsertResponse> Upsert(UpsertRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => ingest.Upserts.UpsertAsync(request, context.CancellationToken));

    public override Task<UpsertStreamResponse> UpsertStream(IAsyncStreamReader<UpsertStreamRequest> requestStream, ServerCallContext context) =>
        RpcErrors.Answer(() => ingest.Streams.UpsertAsync(requestStream.ReadAllAsync(context.CancellationToken), context.CancellationToken));

    public override Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => ingest.Deletes.DeleteAsync(request, context.CancellationToken));

    public override Task<GetResponse> Get(GetRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => ingest.Reads.GetAsync(request, context.CancellationToken));

    public override Task<GetLibraryStatusResponse> GetLibraryStatus(GetLibraryStatusRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => ingest.Status.GetAsync(request, context.CancellationToken));
}
