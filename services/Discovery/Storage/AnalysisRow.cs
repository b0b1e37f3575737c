using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

/// <summary>One history row: the record the API returns and what else the service keeps about the run.</summary>
public sealed record AnalysisRow(AnalysisRecord Record, string Message, bool DryRun, string? RequestId, string Trigger)
{
    public bool IsTerminal => Record.State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;
}
