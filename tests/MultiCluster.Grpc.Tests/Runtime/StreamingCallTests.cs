using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class StreamingCallTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ManyConcurrentDuplexCalls_OnOneChannel_EachGetsItsOwnResponses()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var sizes = await Task.WhenAll(Enumerable.Range(1, 50).Select(async i =>
        {
            using var call = client.FullDuplexCall();
            var received = new List<int>();
            for (var round = 0; round < 5; round++)
            {
                var request = new StreamingOutputCallRequest();
                request.ResponseParameters.Add(new ResponseParameters { Size = i * 10 + round });
                await call.RequestStream.WriteAsync(request);
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                received.Add(call.ResponseStream.Current.Payload.Body.Length);
            }

            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            return received;
        })).Within();

        for (var i = 1; i <= 50; i++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Select(r => i * 10 + r), sizes[i - 1]);
        }
    }

    [Fact]
    public async Task ClientStreaming_WriteAfterComplete_IsRefusedClearly()
    {
        using var channel = _server.CreateChannel();
        using var call = new TestService.TestServiceClient(channel).StreamingInputCall();

        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[10]) } });
        await call.RequestStream.CompleteAsync();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new StreamingInputCallRequest()));

        Assert.Contains("CompleteAsync", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, (await call.ResponseAsync.Within()).AggregatedPayloadSize);
    }

    [Fact]
    public async Task ServerStreaming_ReadAllAsync_YieldsEveryMessageThenEnds()
    {
        using var channel = _server.CreateChannel();
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add([new ResponseParameters { Size = 3 }, new ResponseParameters { Size = 1 }, new ResponseParameters { Size = 4 }]);
        using var call = new TestService.TestServiceClient(channel).StreamingOutputCall(request);

        var lengths = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            lengths.Add(response.Payload.Body.Length);
        }

        Assert.Equal([3, 1, 4], lengths);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}
