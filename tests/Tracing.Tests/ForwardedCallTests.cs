using Grpc.Core;
using Grpc.Net.Client;
using MultiCluster.TestInfrastructure;
using TraceHost.V1;
using Xunit;

namespace Tracing.Tests;

/// <summary>
/// A call one host makes to another while handling a call, through the client ServiceDefaults' AddServiceClient made
/// (Grpc.Net.ClientFactory): it carries the incoming call's deadline and this host's outgoing key, with neither passed
/// by the handler (alpha's Forward only calls beta's Receive, which answers what it saw).
/// </summary>
public sealed class ForwardedCallTests
{
    [Fact]
    public async Task CallForwardedBetweenHosts_CarriesTheCallersDeadline_AndTheHostsOutgoingKey()
    {
        await using var mesh = await TraceMesh.StartAsync("grpc");
        using var channel = GrpcChannel.ForAddress(mesh.Alpha.Address);
        var alpha = new Relay.RelayClient(channel);
        var key = new Metadata { { "x-api-key", TraceHostProcess.Key } };
        var deadline = DateTime.UtcNow.AddSeconds(40);

        var withDeadline = await alpha.ForwardAsync(new RelayRequest { Note = "deadline" }, key, deadline).ResponseAsync.Within();
        var withoutDeadline = await alpha.ForwardAsync(new RelayRequest { Note = "no deadline" }, key).ResponseAsync.Within();

        Assert.Equal(("tracing-relay", "tracing-relay"), (withDeadline.Caller, withoutDeadline.Caller));
        Assert.NotNull(withDeadline.Deadline);
        var drift = (withDeadline.Deadline.ToDateTime() - deadline).Duration();
        Assert.True(drift < TimeSpan.FromSeconds(2), $"beta's deadline {withDeadline.Deadline.ToDateTime():O} is {drift} away from the caller's {deadline:O}");
        Assert.Null(withoutDeadline.Deadline);
    }
}
