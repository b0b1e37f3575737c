namespace MultiCluster.Orchestrator.Ingest;

/// <summary>A valid point with the route its vector chose.</summary>
public sealed record RoutedPoint(ValidatedPoint Point, WriteRoute Route);
