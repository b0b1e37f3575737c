namespace MultiCluster.Demo;

/// <summary>
/// The progress of a long step: on a terminal, one line redrawn in place; in a log (output redirected), a line when
/// the phase changes or another quarter is done, so a CI log or a pipe is not flooded.
/// </summary>
public sealed class ProgressLine(TextWriter output, bool interactive)
{
    private string _last = "";
    private int _width;

    public void Report(string phase, double percent, string text)
    {
        var line = "   " + text;
        if (interactive)
        {
            output.Write("\r" + line.PadRight(_width));
            _width = line.Length;
            return;
        }

        var milestone = phase + "/" + (int)(percent / 25);
        if (milestone != _last)
        {
            output.WriteLine(line);
            _last = milestone;
        }
    }

    /// <summary>Ends the step's progress: the last state stays on screen, and what follows starts on a new line.</summary>
    public void Done(string text)
    {
        if (interactive)
        {
            output.Write("\r" + new string(' ', _width) + "\r");
        }

        output.WriteLine("   " + text);
        (_last, _width) = ("", 0);
    }
}
