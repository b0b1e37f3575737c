using System.Text;
using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>Failures of calls to Specialization as the contract's OperationError: the status code name, its detail, whether retrying may help.</summary>
public static class OperationErrors
{
    public static OperationError From(RpcException e, string what)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new OperationError
        {
            Code = CodeName(e.StatusCode),
            Message = $"{what}: {e.Status.Detail}",
            Retryable = IsTransient(e.StatusCode),
        };
    }

    /// <summary>Statuses that say "not now" rather than "never": the call is worth making again.</summary>
    public static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;

    /// <summary>"FailedPrecondition" as "FAILED_PRECONDITION", the form the contract uses.</summary>
    public static string CodeName(StatusCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
