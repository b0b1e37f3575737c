namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>Who made a call, as the API key told: its configured name and role. Handlers read it with GetCaller().</summary>
public sealed record CallerIdentity(string Name, Role Role)
{
    public bool Has(Role required) => Role >= required;
}
