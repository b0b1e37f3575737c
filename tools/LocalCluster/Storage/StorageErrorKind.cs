namespace MultiCluster.LocalCluster.Storage;

/// <summary>What kind of failure a storage operation reports; the API maps each to Qdrant's status and wording.</summary>
public enum StorageErrorKind
{
    /// <summary>The request cannot be applied as given ("Wrong input: ...", 400).</summary>
    BadInput,

    /// <summary>A collection, alias, point or snapshot is missing ("Not found: ...", 404).</summary>
    NotFound,

    /// <summary>The name is taken ("Wrong input: ...", 409).</summary>
    AlreadyExists,

    /// <summary>The request is well formed but not supported here ("Bad request: ...", 400).</summary>
    BadRequest,

    /// <summary>The node failed (disk, corruption) ("Service internal error: ...", 500).</summary>
    ServiceError,
}
