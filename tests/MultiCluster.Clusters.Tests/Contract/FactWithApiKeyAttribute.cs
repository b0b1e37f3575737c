using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>
/// A fact about credentials: skipped when the suite targets a real Qdrant that has no API key (QDRANT_URL set,
/// QDRANT_API_KEY not), because then there is no key to get wrong. LocalCluster always runs with one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FactWithApiKeyAttribute : FactAttribute
{
    public FactWithApiKeyAttribute()
    {
        if (!string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("QDRANT_URL"))
            && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("QDRANT_API_KEY")))
        {
            Skip = "The Qdrant at QDRANT_URL runs without an API key (set QDRANT_API_KEY to test credentials).";
        }
    }
}
