namespace MultiCluster.Clusters;

/// <summary>State of a collection as the cluster reports it.</summary>
public enum CollectionStatus
{
    /// <summary>All good.</summary>
    Green,

    /// <summary>Optimisation running; searches work, maybe slower.</summary>
    Yellow,

    /// <summary>Optimisations possible but not triggered yet.</summary>
    Grey,

    /// <summary>An operation failed and was not recovered; look at the cluster's logs.</summary>
    Red,
}
