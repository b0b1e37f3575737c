using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api;

/// <summary>Qdrant's mapping of storage errors to HTTP: status code and the prefix of the message.</summary>
public static class StorageErrors
{
    public static (int StatusCode, string Message) Describe(StorageException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            StorageErrorKind.BadInput => (StatusCodes.Status400BadRequest, $"Wrong input: {error.Message}"),
            StorageErrorKind.AlreadyExists => (StatusCodes.Status409Conflict, $"Wrong input: {error.Message}"),
            StorageErrorKind.NotFound => (StatusCodes.Status404NotFound, $"Not found: {error.Message}"),
            StorageErrorKind.BadRequest => (StatusCodes.Status400BadRequest, $"Bad request: {error.Message}"),
            _ => (StatusCodes.Status500InternalServerError, $"Service internal error: {error.Message}"),
        };
    }
}
