namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>
/// What an API key may do. Ordered: a key's role covers its own and every role below it, so an admin key may call
/// everything, a service key service and reader methods, a reader key reader methods only.
/// </summary>
public enum Role
{
    /// <summary>Reads and searches: Get*, List*, Search*, Watch*, and computations that change nothing.</summary>
    Reader = 1,

    /// <summary>Calls one service of the mesh makes on another (Rebalancer asking Specialization to migrate).</summary>
    Service = 2,

    /// <summary>Everything else: creates, changes, deletes, starts operations.</summary>
    Admin = 3,
}
