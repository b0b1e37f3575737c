namespace MultiCluster.Messaging.Transport;

/// <summary>
/// How handling one delivered event ended, and so how the transport settles it: Handled and Duplicate are
/// acknowledged; Failed and InProgressElsewhere are delivered again (Failed is dead-lettered after the last attempt);
/// NoHandler is acknowledged and dropped.
/// </summary>
public sealed record DispatchOutcome(DispatchStatus Status, string? Error = null)
{
    public static readonly DispatchOutcome Handled = new(DispatchStatus.Handled);
    public static readonly DispatchOutcome Duplicate = new(DispatchStatus.Duplicate);
    public static readonly DispatchOutcome InProgressElsewhere = new(DispatchStatus.InProgressElsewhere);
    public static readonly DispatchOutcome NoHandler = new(DispatchStatus.NoHandler);

    public bool Settled => Status is DispatchStatus.Handled or DispatchStatus.Duplicate or DispatchStatus.NoHandler;

    public static DispatchOutcome Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new DispatchOutcome(DispatchStatus.Failed, $"{exception.GetType().FullName}: {exception.Message}");
    }
}
