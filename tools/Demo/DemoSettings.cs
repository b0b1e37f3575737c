namespace MultiCluster.Demo;

/// <summary>What the demo loads and asks: how many training images, into how many domains, how many test queries.</summary>
public sealed record DemoSettings(string Library, string DataDirectory, int Images, int Domains, int Queries, TimeSpan StepBound)
{
    public const int Limit = 10;
}
