using Google.Protobuf;

namespace Integration.Tests.HostileRequests;

/// <summary>
/// A generated request as a failing property reports it. Protobuf's own text form is JSON, which refuses messages
/// that are valid on the wire but not in JSON (a google.protobuf.Value with no kind), and a huge one would bury the
/// report: this shows the JSON when it exists, shortened, and the size always.
/// </summary>
public sealed record GeneratedRequest(IMessage Message)
{
    private const int MaxShown = 2_000;

    public override string ToString()
    {
        string text;
        try
        {
            text = JsonFormatter.Default.Format(Message);
        }
        catch (InvalidOperationException e)
        {
            text = $"(no JSON form: {e.Message})";
        }

        var shown = text.Length > MaxShown ? text[..MaxShown] + "…" : text;
        return $"{Message.Descriptor.Name} of {Message.CalculateSize():N0} bytes: {shown}";
    }
}
