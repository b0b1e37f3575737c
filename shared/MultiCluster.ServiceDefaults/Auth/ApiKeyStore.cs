using System.Buffers;
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
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presentedKey, presented);
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

    // Hashes without allocating: keys are short, so their UTF-8 bytes fit on the stack; a longer one is rented.
    private static void Hash(string key, Span<byte> hash)
    {
        const int StackLimit = 256;
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented is null ? stackalloc byte[StackLimit] : rented;
            SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(key, bytes)], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }
}
