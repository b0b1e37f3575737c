namespace MultiCluster.LocalCluster.Storage;

/// <summary>A storage failure a client can act on; the message says what is wrong without Qdrant's prefix.</summary>
public sealed class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : this(StorageErrorKind.ServiceError, message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = StorageErrorKind.ServiceError;
    }

    public StorageException(StorageErrorKind kind, string message)
        : base(message) => Kind = kind;

    public StorageErrorKind Kind { get; }

    public static StorageException BadInput(string message) => new(StorageErrorKind.BadInput, message);

    public static StorageException NotFound(string message) => new(StorageErrorKind.NotFound, message);

    public static StorageException CollectionNotFound(string name) => NotFound($"Collection `{name}` doesn't exist!");

    public static StorageException DimensionMismatch(int expected, int received) =>
        BadInput($"Vector dimension error: expected dim: {expected}, got {received}");
}
