using System.Net;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using MultiCluster.Grpc.Tests.Infrastructure;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

/// <summary>Input no well-behaved client sends: each gets its gRPC status and a message a person can act on, and the server keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string UnaryPath = "/grpc.testing.TestService/UnaryCall";
    private static readonly byte[] SmallRequest = RawHttp2.Frame(new SimpleRequest { ResponseSize = 3 }.ToByteArray());
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>(), o => o.MaxReceiveMessageSize = 64 * 1024);

    public async Task DisposeAsync()
    {
        // Whatever a test sent, the server still answers a proper call.
        using var channel = _server.CreateChannel();
        var response = await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 7 }).ResponseAsync.Within();
        Assert.Equal(7, response.Payload.Body.Length);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WrongContentType_Gets415WithGrpcStatus()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, SmallRequest, contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.HttpStatus);
        Assert.Equal(((int)StatusCode.Internal).ToString(), reply.GrpcStatus);
        Assert.Contains("application/grpc", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/grpc.testing.NoSuchService/UnaryCall", "Service 'grpc.testing.NoSuchService' is not served here")]
    [InlineData("/grpc.testing.TestService/NoSuchMethod", "Method 'NoSuchMethod' is not part of service 'grpc.testing.TestService'")]
    public async Task UnknownServiceOrMethod_GetsUnimplementedNamingIt(string path, string expected)
    {
        var reply = await RawHttp2.PostAsync(_server.Address, path, SmallRequest);

        Assert.Equal(((int)StatusCode.Unimplemented).ToString(), reply.GrpcStatus);
        Assert.StartsWith(expected, Uri.UnescapeDataString(reply.GrpcMessage!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedMessage_GetsResourceExhaustedBeforeItIsBuffered()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, RawHttp2.Frame([1, 2, 3], declaredLength: 10_000_000));

        Assert.Equal(((int)StatusCode.ResourceExhausted).ToString(), reply.GrpcStatus);
        Assert.Contains("exceeds the maximum of 65536 bytes", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("S")]
    public async Task InvalidGrpcTimeout_GetsInvalidArgumentShowingTheExpectedForm(string timeout)
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, SmallRequest, headers: new Dictionary<string, string> { ["grpc-timeout"] = timeout });

        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(), reply.GrpcStatus);
        Assert.Contains("grpc-timeout", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedMessage_GetsInternalIncompleteMessage()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, RawHttp2.Frame([1, 2, 3], declaredLength: 20));

        Assert.Equal(((int)StatusCode.Internal).ToString(), reply.GrpcStatus);
        Assert.Contains("Incomplete request message", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidCompressedFlag_GetsInternal()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, RawHttp2.Frame([8, 3], flag: 7));

        Assert.Equal(((int)StatusCode.Internal).ToString(), reply.GrpcStatus);
        Assert.Contains("compressed flag is 7", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressedFlagWithoutEncoding_GetsInternal()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, RawHttp2.Frame([8, 3], flag: 1));

        Assert.Equal(((int)StatusCode.Internal).ToString(), reply.GrpcStatus);
        Assert.Contains("grpc-encoding", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedEncoding_GetsUnimplementedAndTheAcceptedList()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, SmallRequest, headers: new Dictionary<string, string> { ["grpc-encoding"] = "br" });

        Assert.Equal(((int)StatusCode.Unimplemented).ToString(), reply.GrpcStatus);
        Assert.Equal("identity,gzip", reply.Response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task GarbageProtobuf_GetsInternalFailedToDeserialize()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, RawHttp2.Frame([0xff, 0xff, 0xff, 0xff, 0xff]));

        Assert.Equal(((int)StatusCode.Internal).ToString(), reply.GrpcStatus);
        Assert.Contains("Failed to deserialize request message", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyUnaryRequest_GetsInternalSayingOneMessageIsNeeded()
    {
        var reply = await RawHttp2.PostAsync(_server.Address, UnaryPath, []);

        Assert.Equal(((int)StatusCode.Internal).ToString(), reply.GrpcStatus);
        Assert.Contains("exactly one request message", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientMessageLargerThanLimit_ClientGetsResourceExhausted()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryCallAsync(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[100_000]) } }).ResponseAsync.Within());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ResponseLargerThanClientLimit_ClientGetsResourceExhausted()
    {
        using var channel = _server.CreateChannel(new global::Grpc.Net.Client.GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var client = new TestService.TestServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryCallAsync(new SimpleRequest { ResponseSize = 5000 }).ResponseAsync.Within());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("Received message", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_DefaultReceiveLimitIsFourMegabytes() =>
        Assert.Equal(4 * 1024 * 1024, new GrpcServiceOptions().MaxReceiveMessageSize);
}
