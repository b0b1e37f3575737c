namespace MultiCluster.Mcctl.Cli;

/// <summary>How results are printed: tables for people, the protobuf JSON of each response (one per line) for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
