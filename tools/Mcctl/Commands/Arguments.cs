namespace MultiCluster.Mcctl.Commands;

/// <summary>Arguments and options more than one command group takes.</summary>
internal static class Arguments
{
    public static Argument<string> Library(string description = "The library's name") => new("LIBRARY") { Description = description };

    /// <summary>An argument that may be left out (then null: "all").</summary>
    public static Argument<string?> Optional(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    public static Option<string> Distance() => new Option<string>("--distance")
    {
        Description = "How vectors compare",
        DefaultValueFactory = _ => "cosine",
    }.AcceptOnlyFromAmong("cosine", "dot", "euclid");

    public static Distance ParseDistance(string text) => text switch
    {
        "dot" => Contracts.V1.Distance.Dot,
        "euclid" => Contracts.V1.Distance.Euclid,
        _ => Contracts.V1.Distance.Cosine,
    };

    /// <summary>A cluster by name, as the contract refers to one.</summary>
    public static ClusterRef? Cluster(string? name) => string.IsNullOrEmpty(name) ? null : new ClusterRef { Name = name };

    /// <summary>A positive count given on the command line.</summary>
    public static uint Positive(int value, string flag) =>
        value > 0 ? (uint)value : throw CliException.Usage($"{flag}: {value} is not a count; give a whole number of 1 or more.");
}
