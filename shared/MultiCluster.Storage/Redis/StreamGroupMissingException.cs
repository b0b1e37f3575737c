namespace MultiCluster.Storage.Redis;

/// <summary>A stream read found no consumer group (NOGROUP): the stream or Redis's data was deleted since it was created.</summary>
public sealed class StreamGroupMissingException : Exception
{
    public StreamGroupMissingException()
    {
    }

    public StreamGroupMissingException(string message)
        : base(message)
    {
    }

    public StreamGroupMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
