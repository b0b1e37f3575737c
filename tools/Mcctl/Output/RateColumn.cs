using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiCluster.Mcctl.Output;

/// <summary>A progress column with the task's speed in its own unit ("1,234 points/s"); Spectre's own speed column counts bytes.</summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Speed is { } speed
            ? new Text($"{speed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {unit}/s", new Style(Color.Teal))
            : new Text($"- {unit}/s", new Style(Color.Grey));
    }
}
