using FsCheck;
using FsCheck.Fluent;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Grpc;

/// <summary>What a caller reads when a call fails: a detail that says what to do, small enough to arrive.</summary>
public sealed class ErrorDetailTests
{
    [Fact]
    public async Task AMethodNotBuiltYet_AnswersUnimplemented_NamingItself()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => new DiscoveryService.DiscoveryServiceClient(channel)
            .GetDomainStatisticsAsync(new GetDomainStatisticsRequest(), DefaultsHost.WithKey(TestKeys.Admin)).ResponseAsync.Within());

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("library.v1.DiscoveryService/GetDomainStatistics is not implemented", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusalQuotingAHugeRequest_ArrivesAsItsStatus_WithTheDetailCut()
    {
        await using var host = await DefaultsHost.StartAsync();
        using var channel = host.CreateChannel();
        var library = new string('z', 1_000_000);

        var ex = await Assert.ThrowsAsync<RpcException>(() => new DiscoveryService.DiscoveryServiceClient(channel)
            .ValidateDomainMappingAsync(new ValidateDomainMappingRequest { Library = library }, DefaultsHost.WithKey(TestKeys.Admin)).ResponseAsync.Within());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("library: 'zzz", ex.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith("(999,004 more characters cut)", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_ShowsControlCharacters_AndBoundsLongText()
    {
        Assert.Equal("'a\\u0000b\\u001b'", ShortText.Quote("a\0b\u001b"));
        Assert.Equal($"'{new string('x', 64)}'… (100,000 characters)", ShortText.Quote(new string('x', 100_000)));
    }

    [Fact]
    public void Cut_NeverSplitsASurrogatePair_AndNeverExceedsTheLength()
    {
        var texts = Gen.Elements("a", "🦄", "é", "\ud800").ArrayOf().Select(string.Concat);
        var lengths = Gen.Choose(1, 40);

        var property = Prop.ForAll(texts.ToArbitrary(), lengths.ToArbitrary(), (text, length) =>
        {
            var cut = ShortText.Cut(text, length);
            return cut.Length <= length && text.StartsWith(cut, StringComparison.Ordinal)
                && (cut.Length == 0 || !char.IsHighSurrogate(cut[^1]) || !(cut.Length < text.Length && char.IsLowSurrogate(text[cut.Length])));
        });

        Check.QuickThrowOnFailure(property);
    }
}
