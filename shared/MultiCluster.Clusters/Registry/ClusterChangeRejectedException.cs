namespace MultiCluster.Clusters;

/// <summary>A valid cluster change that cannot be made in the current state; the message says what to do first.</summary>
public sealed class ClusterChangeRejectedException(string message) : Exception(message);
