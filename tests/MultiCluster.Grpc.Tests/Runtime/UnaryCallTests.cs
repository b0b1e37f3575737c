using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class UnaryCallTests
{
    private sealed class EchoService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
            request.ResponseStatus is { Code: not 0 } status
                ? throw new RpcException(new Status((StatusCode)status.Code, status.Message))
                : Task.FromResult(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } });
    }

    [Fact]
    public async Task UnaryCall_ValidRequest_ReturnsResponseOfRequestedSize()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<EchoService>());
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var response = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159 }).ResponseAsync.Within();

        Assert.Equal(314159, response.Payload.Body.Length);
    }

    [Fact]
    public async Task UnaryCall_HandlerThrowsRpcException_ClientGetsStatusAndMessage()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<EchoService>());
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var call = client.UnaryCallAsync(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 5, Message = "no such thing ☺" } });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within());

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("no such thing ☺", ex.Status.Detail);
        Assert.Equal(StatusCode.NotFound, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task MethodNotOverridden_AnswersUnimplementedNamingTheMethod()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<EchoService>());
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.EmptyCallAsync(new Empty()).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("grpc.testing.TestService/EmptyCall", ex.Status.Detail, StringComparison.Ordinal);
    }
}
