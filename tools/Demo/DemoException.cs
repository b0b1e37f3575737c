namespace MultiCluster.Demo;

/// <summary>A step of the demo that could not finish; its message says what was awaited and where to look.</summary>
public sealed class DemoException(string message) : Exception(message);
