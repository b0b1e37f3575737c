using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiCluster.Grpc.Tests.Interop;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Runtime;

public sealed class TlsTests
{
    [Fact]
    public async Task TlsChannel_TrustingTheServerCertificate_CompletesCalls_AndAnUntrustedOneIsRefused()
    {
        using var certificate = CreateSelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            l.UseHttps(certificate);
        }));
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync();
        var port = new Uri(app.Urls.Single()).Port;
        var address = new Uri($"https://localhost:{port}");

        using var trusting = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString(),
                },
            },
        });
        using var untrusting = GrpcChannel.ForAddress(address);
        var response = await new TestService.TestServiceClient(trusting).UnaryCallAsync(new SimpleRequest { ResponseSize = 9 }).ResponseAsync.Within();
        var ex = await Assert.ThrowsAsync<RpcException>(() => new TestService.TestServiceClient(untrusting).EmptyCallAsync(new Empty()).ResponseAsync.Within());

        Assert.Equal(9, response.Payload.Body.Length);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        await app.StopAsync();
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
