
namespace MultiCluster.Messaging.Local;

/// <summary>Field names of the stream entries: an event entry holds the CloudEvent; a dead letter adds why it died.</summary>
internal static class StreamFields
{
    /// <summary>The event in the CloudEvents JSON format (structured mode), as Dapr's Redis pub/sub stores it.</summary>
    public const string Data = "data";

    public const string Error = "error";
    public const string Topic = "topic";
    public const string Group = "group";
    public const string Consumer = "consumer";
    public const string EntryId = "entry_id";
    public const string Deliveries = "deliveries";
    public const string FailedAt = "failed_at";

    /// <summary>The dead-letter stream of a topic.</summary>
    public static string DeadLetterStream(string topic) => topic + ".dlq";
}
