using System.ComponentModel.DataAnnotations;
using MultiCluster.ServiceDefaults.Configuration;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>One accepted API key (an item of Auth:Keys).</summary>
public sealed record ApiKeyOptions
{
    /// <summary>Who holds the key, as logs and traces name the caller (never the key itself).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "is required: who holds the key, such as rebalancer or ops")]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "must be 1 to 64 letters, digits, '.', '_' or '-'")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "is required: one of admin, service, reader")]
    public Role? Role { get; init; }

    /// <summary>The key; from the environment only (Auth__Keys__N__Key).</summary>
    [Secret]
    [Required(AllowEmptyStrings = false, ErrorMessage = "is required, from the environment: a random string of 32 characters or more (openssl rand -hex 32)")]
    [MinLength(ApiKeyStore.MinimumKeyLength, ErrorMessage = "must be at least 32 characters: generate one with openssl rand -hex 32")]
    public string Key { get; init; } = "";
}
