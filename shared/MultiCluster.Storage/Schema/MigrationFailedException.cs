namespace MultiCluster.Storage.Schema;

/// <summary>A migration could not be applied (it was rolled back) or the schema history disagrees with the files.</summary>
public sealed class MigrationFailedException : Exception
{
    public MigrationFailedException()
    {
    }

    public MigrationFailedException(string message)
        : base(message)
    {
    }

    public MigrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
