namespace MultiCluster.Messaging.CloudEvents;

/// <summary>A document is not a valid CloudEvents 1.0 event in the JSON format, or its data is not what a handler reads; the message says what is wrong.</summary>
public sealed class CloudEventFormatException : Exception
{
    public CloudEventFormatException()
    {
    }

    public CloudEventFormatException(string message)
        : base(message)
    {
    }

    public CloudEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
