using System.ComponentModel.DataAnnotations;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>
/// The gRPC port's certificate (section "Service:Tls"): a PKCS#12 file (.pfx/.p12) with its password, or a PEM
/// certificate with its PEM private key (KeyPath; the password, if any, decrypts the key). No CertificatePath: h2c.
/// </summary>
public sealed record TlsOptions : IValidatableObject
{
    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>From the environment only (Service__Tls__CertificatePassword).</summary>
    [Secret]
    public string? CertificatePassword { get; init; }

    public bool Enabled => !string.IsNullOrEmpty(CertificatePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            if (!string.IsNullOrEmpty(KeyPath))
            {
                yield return new ValidationResult("is set but Service:Tls:CertificatePath is not: give the certificate too, or neither", [nameof(KeyPath)]);
            }

            yield break;
        }

        if (!File.Exists(CertificatePath))
        {
            yield return new ValidationResult($"must name a readable certificate file (.pfx, .p12 or PEM); '{CertificatePath}' does not exist", [nameof(CertificatePath)]);
        }

        if (!string.IsNullOrEmpty(KeyPath) && !File.Exists(KeyPath))
        {
            yield return new ValidationResult($"must name a readable PEM private key file; '{KeyPath}' does not exist", [nameof(KeyPath)]);
        }
    }
}
