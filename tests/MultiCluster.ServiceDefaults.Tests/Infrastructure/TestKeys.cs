namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>The API keys every test host accepts, one per role (each 32+ characters, as configuration requires).</summary>
public static class TestKeys
{
    public const string Admin = "admin-key-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e";
    public const string Service = "service-key-2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a";
    public const string Reader = "reader-key-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

    /// <summary>Settings that configure the three keys, as the environment would (Auth__Keys__N__...).</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Auth:Keys:0:Name"] = "ops",
        ["Auth:Keys:0:Role"] = "admin",
        ["Auth:Keys:0:Key"] = Admin,
        ["Auth:Keys:1:Name"] = "rebalancer",
        ["Auth:Keys:1:Role"] = "service",
        ["Auth:Keys:1:Key"] = Service,
        ["Auth:Keys:2:Name"] = "dashboard",
        ["Auth:Keys:2:Role"] = "reader",
        ["Auth:Keys:2:Key"] = Reader,
    };
}
