using Grpc.Core;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>Reads the authenticated caller inside a handler.</summary>
public static class CallerExtensions
{
    // Kept as a request feature rather than in UserState: UserState is HttpContext.Items, a dictionary created per call
    // for this one entry.
    /// <summary>The caller whose key authorized this call; null when auth is disabled or the method is open.</summary>
    public static CallerIdentity? GetCaller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetHttpContext().Features.Get<CallerIdentity>();
    }
}
