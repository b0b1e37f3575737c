using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Grpc.Net.Client;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Configuration;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Hosting;

/// <summary>With Service:Tls:CertificatePath set, the gRPC port speaks TLS (h2 by ALPN).</summary>
public sealed class TlsTests : IDisposable
{
    private const string Password = "pfx-password-not-for-logs";
    private readonly TempDirectory _directory = new();
    private readonly X509Certificate2 _certificate;

    public TlsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(Path.Combine(_directory.Path, "grpc.pfx"), _certificate.Export(X509ContentType.Pfx, Password));
        File.WriteAllText(Path.Combine(_directory.Path, "grpc.crt"), _certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory.Path, "grpc.key"), key.ExportPkcs8PrivateKeyPem());
    }

    [Theory]
    [InlineData("grpc.pfx", null, Password)]
    [InlineData("grpc.crt", "grpc.key", null)]
    public async Task CertificateConfigured_GrpcPortServesTls(string certificate, string? key, string? password)
    {
        await using var host = await DefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Service:Tls:CertificatePath"] = Path.Combine(_directory.Path, certificate),
            ["Service:Tls:KeyPath"] = key is null ? null : Path.Combine(_directory.Path, key),
            ["Service:Tls:CertificatePassword"] = password,
        });
        using var channel = host.CreateChannel(new GrpcChannelOptions { HttpHandler = TrustingOnly(_certificate) });

        var health = await new HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.Within();
        var map = await new DiscoveryService.DiscoveryServiceClient(channel).GetDomainMapAsync(new GetDomainMapRequest(), DefaultsHost.WithKey(TestKeys.Reader)).ResponseAsync.Within();

        Assert.Equal("https", host.Listeners.GrpcAddress.Scheme);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal("dashboard", map.Map.Library);
    }

    [Fact]
    public void WrongPassword_StopsTheHostNamingTheSettingButNotThePassword()
    {
        var builder = DefaultsHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Service:Tls:CertificatePath"] = Path.Combine(_directory.Path, "grpc.pfx"),
            ["Service:Tls:CertificatePassword"] = "not-the-password",
        }, null, out _, out var root);
        using var ownRoot = root;

        var error = Assert.Throws<ServiceConfigurationException>(() => builder.AddServiceDefaults());

        Assert.StartsWith("Service:Tls:CertificatePath (env Service__Tls__CertificatePath) could not be loaded", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _directory.Dispose();
    }

    private static SocketsHttpHandler TrustingOnly(X509Certificate2 expected) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString(),
        },
    };
}
