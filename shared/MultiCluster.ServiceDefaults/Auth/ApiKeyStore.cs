using System.Security.Cryptography;
using System.Text;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>
/// The accepted keys, held only as SHA-256 hashes. A presented key is hashed and compared with every stored hash in
/// constant time (FixedTimeEquals over equal-length hashes, no early exit), so timing tells neither how much of a key
/// matched nor which key it was.
/// </summary>
public sealed class ApiKeyStore
{
    public const int MinimumKeyLength = 32;

    private readonly (byte[] Hash, CallerIdentity Caller)[] _keys;

    public ApiKeyStore(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Keys.Select(k => (Hash(k.Key), new CallerIdentity(k.Name, k.Role ?? Role.Reader))).ToArray();
    }

    public int Count => _keys.Length;

    public IEnumerable<CallerIdentity> Callers => _keys.Select(k => k.Caller);

    public CallerIdentity? Find(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        var presented = Hash(presentedKey);
        CallerIdentity? found = null;
        foreach (var (hash, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                found = caller;
            }
        }

        return found;
    }

    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
