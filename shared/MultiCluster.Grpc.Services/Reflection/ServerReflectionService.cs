using Grpc.Core;
using Grpc.Reflection.V1;

namespace MultiCluster.Grpc.Services.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection: one answer per request, in order, until the client half-closes.</summary>
internal sealed class ServerReflectionService(ReflectedServices services) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requestStream, IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(ReflectionAnswers.Answer(services.Index, request));
        }
    }
}
