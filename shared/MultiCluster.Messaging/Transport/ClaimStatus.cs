namespace MultiCluster.Messaging.Transport;

public enum ClaimStatus
{
    /// <summary>This consumer handles the event now.</summary>
    Acquired,

    /// <summary>The group handled it already: acknowledge without handling.</summary>
    AlreadyProcessed,

    /// <summary>Another consumer of the group is handling it: leave it pending, it comes back later.</summary>
    InProgressElsewhere,
}
