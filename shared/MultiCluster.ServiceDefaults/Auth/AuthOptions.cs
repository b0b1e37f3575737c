using System.ComponentModel.DataAnnotations;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>
/// API-key authentication of gRPC calls (configuration section "Auth"). Keys come from the environment:
/// Auth__Keys__0__Name=ops, Auth__Keys__0__Role=admin, Auth__Keys__0__Key=..., then Auth__Keys__1__..., and so on.
/// </summary>
public sealed record AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>False only on a developer machine: every caller may then call everything (logged loudly at start).</summary>
    public bool Enabled { get; init; } = true;

    public IReadOnlyList<ApiKeyOptions> Keys { get; init; } = [];

    /// <summary>
    /// The key this service presents when it calls another service through a client from AddServiceClient (the callee's Auth:Keys
    /// hold it with the service role). From the environment only: Auth__OutgoingKey. Unset: calls go without a key.
    /// </summary>
    [Configuration.Secret]
    [MinLength(ApiKeyStore.MinimumKeyLength, ErrorMessage = "must be at least 32 characters: the key another service accepts with the service role")]
    public string? OutgoingKey { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Keys.Count == 0)
        {
            yield return new ValidationResult(
                "has no key while Auth:Enabled is true: set Auth__Keys__0__Name, Auth__Keys__0__Role (admin, service or reader) and Auth__Keys__0__Key in the environment, or Auth__Enabled=false on a developer machine",
                [nameof(Keys)]);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Keys.Count; i++)
        {
            if (!names.Add(Keys[i].Name))
            {
                yield return new ValidationResult($"must be unique: another key is already named '{Keys[i].Name}'", [$"Keys:{i}:Name"]);
            }

            // Compared by hash so the message can never carry the key.
            var hash = Convert.ToHexString(ApiKeyStore.Hash(Keys[i].Key));
            if (Keys[i].Key.Length > 0 && !keys.TryAdd(hash, i))
            {
                yield return new ValidationResult($"must be unique: it is the same key as Auth:Keys:{keys[hash]}:Key (value not shown: it is a secret)", [$"Keys:{i}:Key"]);
            }
        }
    }
}
