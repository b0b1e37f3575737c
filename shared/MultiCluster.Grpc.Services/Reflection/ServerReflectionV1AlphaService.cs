using Google.Protobuf;
using Grpc.Core;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace MultiCluster.Grpc.Services.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, still asked first by many clients. Its messages are byte-for-byte
/// v1's under another package, so each one crosses over through its wire form and v1 answers it.
/// </summary>
internal sealed class ServerReflectionV1AlphaService(ReflectedServices services) : V1Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream, IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var answer = ReflectionAnswers.Answer(services.Index, V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            await responseStream.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
        }
    }
}
