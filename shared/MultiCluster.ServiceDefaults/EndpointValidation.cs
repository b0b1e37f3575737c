using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MultiCluster.ServiceDefaults;

/// <summary>Stops a host at start when its endpoint settings are wrong, naming the key and the expected form.</summary>
internal static class EndpointValidation
{
    public static void ThrowIfInvalid(ServiceEndpointOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            results.Add(new ValidationResult("must be an IP address such as 127.0.0.1 or 0.0.0.0", [nameof(options.ListenAddress)]));
        }

        if (options.GrpcPort == options.HttpPort)
        {
            results.Add(new ValidationResult("must differ from Service:HttpPort (gRPC and HTTP/1.1 need separate cleartext ports)", [nameof(options.GrpcPort)]));
        }

        if (results.Count > 0)
        {
            var problems = results.Select(r => $"Service:{string.Join(",", r.MemberNames)} {r.ErrorMessage}");
            throw new InvalidOperationException("Invalid service configuration: " + string.Join("; ", problems));
        }
    }
}
