using System.Net;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using MultiCluster.Grpc.Tests.Infrastructure;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

/// <summary>What the server does with the HTTP it is given, and the compression it negotiates.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task Http11Request_Gets426NamingHttp2()
    {
        // Kestrel speaks only HTTP/1.1 on a cleartext port that allows both, so this is what a curl user hits.
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>(), protocols: HttpProtocols.Http1AndHttp2);

        var reply = await RawHttp2.PostAsync(server.Address, "/grpc.testing.TestService/UnaryCall", RawHttp2.Frame([]), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, reply.HttpStatus);
        Assert.Contains("HTTP/2", reply.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipBothWays_WhenClientAsksForIt()
    {
        await using var server = await GrpcTestServer.StartAsync(app => app.MapGrpcService<TestServiceImpl>());
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var call = client.UnaryCallAsync(
            new SimpleRequest { ResponseSize = 1000, ExpectCompressed = new BoolValue { Value = true }, ResponseCompressed = new BoolValue { Value = true }, Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[1000]) } },
            new Metadata { { "grpc-internal-encoding-request", "gzip" } });
        var response = await call.ResponseAsync.Within();

        Assert.Equal(1000, response.Payload.Body.Length);
    }
}
