namespace MultiCluster.Specialization;

/// <summary>What kind of refusal a <see cref="SpecializationException"/> is; the gRPC layer maps each to its status.</summary>
public enum FailureKind
{
    /// <summary>The request is malformed (INVALID_ARGUMENT).</summary>
    InvalidArgument,

    /// <summary>A library, domain, cluster, plan or operation it names does not exist (NOT_FOUND).</summary>
    NotFound,

    /// <summary>The system is not in a state that allows it: a move already running, a draining target (FAILED_PRECONDITION).</summary>
    FailedPrecondition,

    /// <summary>No room: a target or every cluster without the capacity (RESOURCE_EXHAUSTED).</summary>
    ResourceExhausted,

    /// <summary>A cluster it needs does not answer (UNAVAILABLE).</summary>
    Unavailable,
}

/// <summary>
/// A refusal from Specialization's logic, in words a person can act on: the message starts with the request field
/// (or thing) at fault, says what is wrong and what to do. Logic classes throw it; they know nothing of gRPC.
/// </summary>
public sealed class SpecializationException(FailureKind kind, string message) : Exception(message)
{
    public FailureKind Kind { get; } = kind;

    public static SpecializationException Invalid(string message) => new(FailureKind.InvalidArgument, message);

    public static SpecializationException NotFound(string message) => new(FailureKind.NotFound, message);

    public static SpecializationException Precondition(string message) => new(FailureKind.FailedPrecondition, message);

    public static SpecializationException Exhausted(string message) => new(FailureKind.ResourceExhausted, message);
}
