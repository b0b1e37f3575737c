using Grpc.Core;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>Reads the authenticated caller inside a handler.</summary>
public static class CallerExtensions
{
    /// <summary>The caller whose key authorized this call; null when auth is disabled or the method is open.</summary>
    public static CallerIdentity? GetCaller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A request feature rather than UserState: UserState is HttpContext.Items, a dictionary created per call for
        // this one entry.
        return context.GetHttpContext().Features.Get<CallerIdentity>();
    }
}
