namespace MultiCluster.TestInfrastructure;

/// <summary>Says which kind of server a test run got ("Redis: local process on 127.0.0.1:NNNN"), on the test host's standard error.</summary>
internal static class TestServerLog
{
    public static void Started(string server, string how, string address) => Console.Error.WriteLine($"{server}: {how} on {address}");
}
