namespace MultiCluster.Messaging.Transport;

public enum DispatchStatus
{
    Handled,
    Duplicate,
    InProgressElsewhere,
    Failed,
    NoHandler,
}
