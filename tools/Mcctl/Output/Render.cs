using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace MultiCluster.Mcctl.Output;

/// <summary>How contract values read in a table cell: short, lower-case, escaped for Spectre markup.</summary>
internal static class Render
{
    public static string Cluster(ClusterRef? cluster) =>
        cluster is null || cluster.Name.Length == 0 ? "-" : Markup.Escape(cluster.Region.Length == 0 ? cluster.Name : $"{cluster.Name} ({cluster.Region})");

    public static string Clusters(IEnumerable<ClusterRef> clusters) => string.Join(", ", clusters.Select(Cluster)) is { Length: > 0 } text ? text : "-";

    /// <summary>An enum value in words, without its type's prefix as the generated names already are ("CleaningUp" → "cleaning up").</summary>
    public static string Name<T>(T value)
        where T : struct, System.Enum => string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Health(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "[green]healthy[/]",
        HealthStatus.Degraded => "[yellow]degraded[/]",
        HealthStatus.Down => "[red]down[/]",
        _ => "[grey]unknown[/]",
    };

    public static string State(OperationState state) => state switch
    {
        OperationState.Succeeded => "[green]succeeded[/]",
        OperationState.Failed => "[red]failed[/]",
        OperationState.Cancelled => "[yellow]cancelled[/]",
        _ => Name(state),
    };

    public static string Count(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "-" : Markup.Escape(value);

    public static string Time(Timestamp? time) => time is null ? "-" : time.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column));
        }

        return table;
    }

    /// <summary>An operation's state in a few words: "copying 3/10 batches", "running".</summary>
    public static string Progress(OperationProgress? progress) => progress is null
        ? "waiting"
        : (progress.Phase.Length > 0 ? progress.Phase : Name(progress.State))
            + (progress.TotalCount > 0 ? $" {progress.DoneCount}/{progress.TotalCount} {progress.Unit}" : "");
}
