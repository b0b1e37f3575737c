namespace MultiCluster.Rebalancer;

/// <summary>What kind of refusal a <see cref="RebalancerException"/> is; the gRPC layer maps each to its status.</summary>
public enum FailureKind
{
    /// <summary>The request is malformed or asks for what the data cannot give (INVALID_ARGUMENT).</summary>
    InvalidArgument,

    /// <summary>A library it names is not known (NOT_FOUND).</summary>
    NotFound,

    /// <summary>The system is not in a state that allows it (FAILED_PRECONDITION).</summary>
    FailedPrecondition,
}

/// <summary>
/// A refusal from the Rebalancer's logic, in words a person can act on: the message starts with the request field at
/// fault, says what is wrong and what to do. Logic classes throw it; they know nothing of gRPC.
/// </summary>
public sealed class RebalancerException(FailureKind kind, string message) : Exception(message)
{
    public FailureKind Kind { get; } = kind;

    public static RebalancerException Invalid(string message) => new(FailureKind.InvalidArgument, message);

    public static RebalancerException NotFound(string message) => new(FailureKind.NotFound, message);

    public static RebalancerException Precondition(string message) => new(FailureKind.FailedPrecondition, message);
}
