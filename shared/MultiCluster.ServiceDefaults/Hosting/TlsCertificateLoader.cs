using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>Loads the gRPC port's certificate, or stops the host naming the setting to fix (never the password).</summary>
internal static class TlsCertificateLoader
{
    public static X509Certificate2 Load(TlsOptions tls)
    {
        var path = tls.CertificatePath!;
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(path) || !string.IsNullOrEmpty(tls.KeyPath)
                ? LoadPem(path, tls)
                : X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw Problem($"could not be loaded from '{path}': {e.Message}. For a .pfx/.p12 file set its password in Service__Tls__CertificatePassword; for PEM give the key in Service:Tls:KeyPath");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw Problem($"'{path}' holds no private key: use a .pfx/.p12 with its key, or set Service:Tls:KeyPath to the PEM key");
        }

        return certificate;
    }

    private static X509Certificate2 LoadPem(string path, TlsOptions tls) =>
        string.IsNullOrEmpty(tls.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(path, NullIfEmpty(tls.KeyPath))
            : X509Certificate2.CreateFromEncryptedPemFile(path, tls.CertificatePassword, NullIfEmpty(tls.KeyPath));

    private static bool IsPem(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pem" or ".crt" or ".cer";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ServiceConfigurationException Problem(string expected) =>
        new([$"{ConfigurationKeys.Describe("Service:Tls:CertificatePath")} {expected}"]);
}
