using MultiCluster.ServiceDefaults.Auth;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Auth;

/// <summary>Keys are found by exact match only, and held as hashes.</summary>
public sealed class ApiKeyStoreTests
{
    private readonly ApiKeyStore _store = new(new AuthOptions
    {
        Keys =
        [
            new ApiKeyOptions { Name = "ops", Role = Role.Admin, Key = TestKeys.Admin },
            new ApiKeyOptions { Name = "dashboard", Role = Role.Reader, Key = TestKeys.Reader },
        ],
    });

    [Fact]
    public void ExactKey_FindsItsCaller() => Assert.Equal(new CallerIdentity("dashboard", Role.Reader), _store.Find(TestKeys.Reader));

    [Theory]
    [InlineData("")]
    [InlineData("admin-key")]
    [InlineData(TestKeys.Admin + " ")]
    [InlineData("ADMIN-KEY-7F3A9C1E5B2D4F6A8C0E1B3D5F7A9C1E")]
    public void AnythingElse_FindsNoOne(string presented) => Assert.Null(_store.Find(presented));

    [Fact]
    public void Roles_CoverTheRolesBelowThem()
    {
        Assert.True(new CallerIdentity("a", Role.Admin).Has(Role.Service));
        Assert.True(new CallerIdentity("s", Role.Service).Has(Role.Reader));
        Assert.False(new CallerIdentity("s", Role.Service).Has(Role.Admin));
        Assert.False(new CallerIdentity("r", Role.Reader).Has(Role.Service));
    }
}
