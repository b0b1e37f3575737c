using Xunit;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>The interop cases every pairing runs, as the public interop test description names them.</summary>
public static class InteropCases
{
    public static TheoryData<string> All { get; } = new(InteropClient.TestCases);
}
