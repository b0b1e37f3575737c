using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Analysis;

/// <summary>What a failed run records: the error a person reads in WatchAnalysis and in the history.</summary>
public static class AnalysisFailure
{
    public static OperationError Describe(Exception exception) => exception switch
    {
        // Strategies name the option and its allowed range; the parameter tail ArgumentException appends adds nothing.
        ArgumentException e => new OperationError { Code = "INVALID_ARGUMENT", Message = WithoutParameterTail(e) },
        DiscoveryRequestException e => new OperationError { Code = "INVALID_ARGUMENT", Message = e.Message },
        DiscoveryNotFoundException e => new OperationError { Code = "NOT_FOUND", Message = e.Message },
        DiscoveryConflictException e => new OperationError { Code = "FAILED_PRECONDITION", Message = e.Message },
        VectorClusterException e => new OperationError { Code = "UNAVAILABLE", Message = e.Message, Retryable = true, Cluster = new ClusterRef { Name = e.Cluster } },
        _ => new OperationError { Code = "INTERNAL", Message = $"The analysis failed unexpectedly ({exception.GetType().Name}: {exception.Message}); the service's log has the details.", Retryable = true },
    };

    private static string WithoutParameterTail(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
