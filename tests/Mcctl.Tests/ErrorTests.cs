using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Mcctl.Tests;

[Collection(McctlGroup.Name)]
public sealed class ErrorTests(McctlFixture mesh)
{
    [Fact]
    public async Task A_bad_argument_exits_2_naming_the_option_without_a_stack_trace()
    {
        var result = await mesh.RunAsync("library", "create", "docs", "--dimension", "many");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--dimension", result.Errors, StringComparison.Ordinal);
        Assert.Contains("mcctl library create --help", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_server_refuses_as_invalid_exits_2_with_the_servers_field_message()
    {
        var result = await mesh.RunAsync("library", "create", "Not__Valid", "--dimension", "4");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("name", result.Errors, StringComparison.Ordinal);
        Assert.Single(result.Errors.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_unreachable_address_exits_4_naming_the_address_tried_and_how_to_change_it()
    {
        var port = FreePort.Next();

        var result = await mesh.RunAsync("library", "list", "--address", $"127.0.0.1:{port}");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains($"127.0.0.1:{port}", result.Errors, StringComparison.Ordinal);
        Assert.Contains("--address", result.Errors, StringComparison.Ordinal);
        Assert.Contains("MCCTL_ADDRESS", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_exits_5_and_says_where_the_key_comes_from()
    {
        var result = await mesh.RunAsync("library", "list", "--api-key", "not-a-key-of-this-mesh");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("--api-key", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_of_an_unknown_library_exits_3()
    {
        var result = await mesh.RunAsync("status", McctlFixture.NewLibrary("ghost"));

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        var result = await mesh.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Exit codes:", result.Output, StringComparison.Ordinal);
        Assert.Contains("4    a service could not be reached", result.Output, StringComparison.Ordinal);
    }
}
