using System.Text.Json;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>
/// A CloudEvents 1.0 event: context attributes, the distributed tracing extension (traceparent, tracestate), other
/// extension attributes, and at most one of JSON <see cref="Data"/> or binary <see cref="BinaryData"/>. Our events
/// carry protobuf bytes (datacontenttype application/protobuf, data_base64 in JSON); foreign ones may carry JSON.
/// </summary>
public sealed record CloudEvent
{
    public const string SpecVersion10 = "1.0";

    /// <summary>Unique within <see cref="Source"/>; consumers deduplicate on (source, id).</summary>
    public required string Id { get; init; }

    /// <summary>URI-reference of the producer: our services use their name ("discovery").</summary>
    public required string Source { get; init; }

    /// <summary>Event type: the protobuf full name for ours ("library.v1.RoutingChangedEvent").</summary>
    public required string Type { get; init; }

    public string SpecVersion { get; init; } = SpecVersion10;

    public DateTimeOffset? Time { get; init; }

    public string? DataContentType { get; init; }

    public string? DataSchema { get; init; }

    public string? Subject { get; init; }

    /// <summary>W3C trace context of the span that produced or last published the event.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    /// <summary>JSON data ("data"): a JSON value for JSON content types, a string for other text. Null when absent;
    /// an explicit JSON null is a value of kind Null.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>Binary data ("data_base64" in the JSON format). Null when absent.</summary>
    public ReadOnlyMemory<byte>? BinaryData { get; init; }

    /// <summary>Extension attributes other than traceparent and tracestate: JSON strings, integers or booleans.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = new Dictionary<string, JsonElement>();
}
