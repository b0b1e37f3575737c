using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace MultiCluster.Grpc.Services.Tests.Reflection;

/// <summary>Sends reflection requests on one stream, half-closes, and collects every answer, through the generated clients.</summary>
internal static class ReflectionClient
{
    public static async Task<IReadOnlyList<ServerReflectionResponse>> AskAsync(GrpcChannel channel, params ServerReflectionRequest[] requests)
    {
        var client = new ServerReflection.ServerReflectionClient(channel);
        using var call = client.ServerReflectionInfo();
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request).Within();
        }

        await call.RequestStream.CompleteAsync().Within();
        var responses = new List<ServerReflectionResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).Within())
        {
            responses.Add(call.ResponseStream.Current);
        }

        return responses;
    }

    public static async Task<ServerReflectionResponse> AskAsync(GrpcChannel channel, ServerReflectionRequest request) =>
        (await AskAsync(channel, [request])).Single();

    public static async Task<V1Alpha.ServerReflectionResponse> AskV1AlphaAsync(GrpcChannel channel, V1Alpha.ServerReflectionRequest request)
    {
        var client = new V1Alpha.ServerReflection.ServerReflectionClient(channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request).Within();
        await call.RequestStream.CompleteAsync().Within();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).Within());
        return call.ResponseStream.Current;
    }

    public static IReadOnlyList<FileDescriptorProto> Files(ServerReflectionResponse response)
    {
        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        return response.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToArray();
    }

    /// <summary>Builds the sent files the way a client does (imports first), which fails unless the answer is self-contained.</summary>
    public static IReadOnlyList<FileDescriptor> Build(ServerReflectionResponse response) =>
        FileDescriptor.BuildFromByteStrings(response.FileDescriptorResponse.FileDescriptorProto.Reverse().Select(b => ByteString.CopyFrom(b.Span)));
}
