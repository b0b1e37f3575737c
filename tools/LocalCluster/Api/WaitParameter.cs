namespace MultiCluster.LocalCluster.Api;

/// <summary>The ?wait= flag of writes: false unless given (as in Qdrant); only "true" and "false" are accepted.</summary>
public static class WaitParameter
{
    public static bool Read(HttpContext context)
    {
        var value = context.Request.Query["wait"].ToString();
        return value switch
        {
            "" or "false" => false,
            "true" => true,
            _ => throw ApiException.Query($"wait: provided string was not `true` or `false` (got `{value}`)"),
        };
    }
}
