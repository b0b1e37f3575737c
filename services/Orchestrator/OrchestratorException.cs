namespace MultiCluster.Orchestrator;

/// <summary>What kind of refusal an <see cref="OrchestratorException"/> is; the gRPC layer maps each to its status.</summary>
public enum FailureKind
{
    /// <summary>The request is malformed (INVALID_ARGUMENT).</summary>
    InvalidArgument,

    /// <summary>A library, domain, cluster or point it names does not exist (NOT_FOUND).</summary>
    NotFound,

    /// <summary>A library of that name exists with another dimension or distance (ALREADY_EXISTS).</summary>
    AlreadyExists,

    /// <summary>The system is not in a state that allows it (FAILED_PRECONDITION).</summary>
    FailedPrecondition,

    /// <summary>Too much at once: an oversized batch, a full bulkhead (RESOURCE_EXHAUSTED).</summary>
    ResourceExhausted,

    /// <summary>The request's budget ran out, or was spent before it arrived (DEADLINE_EXCEEDED).</summary>
    DeadlineExceeded,

    /// <summary>A cluster or service it needs does not answer, and the request asked for a complete answer (UNAVAILABLE).</summary>
    Unavailable,
}

/// <summary>
/// A refusal from the Orchestrator's logic, in words a person can act on: the message starts with the request field
/// (or thing) at fault, says what is wrong and what to do. Logic classes throw it; they know nothing of gRPC.
/// </summary>
public sealed class OrchestratorException(FailureKind kind, string message) : Exception(message)
{
    public FailureKind Kind { get; } = kind;

    public static OrchestratorException Invalid(string message) => new(FailureKind.InvalidArgument, message);

    public static OrchestratorException NotFound(string message) => new(FailureKind.NotFound, message);

    public static OrchestratorException Precondition(string message) => new(FailureKind.FailedPrecondition, message);

    public static OrchestratorException Exhausted(string message) => new(FailureKind.ResourceExhausted, message);
}
