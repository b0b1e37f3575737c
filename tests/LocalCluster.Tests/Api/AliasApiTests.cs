using System.Net;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Api;

/// <summary>Aliases over HTTP: atomic action lists, listing, and use wherever a collection name goes.</summary>
public sealed class AliasApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Alias_WorksWhereverACollectionNameDoes_AndSwitchesAtomically()
    {
        var blue = await fixture.CreateCollectionAsync(size: 2);
        var green = await fixture.CreateCollectionAsync(size: 2);
        var alias = "live_" + blue;
        await fixture.Http.PutAsync($"/collections/{blue}/points?wait=true", """{"points":[{"id":1,"vector":[1,0]}]}""");
        await fixture.Http.PutAsync($"/collections/{green}/points?wait=true", """{"points":[{"id":2,"vector":[1,0]}]}""");

        await Actions($$$"""[{"create_alias":{"collection_name":"{{{blue}}}","alias_name":"{{{alias}}}"}}]""");
        var before = await TopIdAsync(alias);
        await Actions($$$"""[{"delete_alias":{"alias_name":"{{{alias}}}"}},{"create_alias":{"collection_name":"{{{green}}}","alias_name":"{{{alias}}}"}}]""");
        var after = await TopIdAsync(alias);
        var upsert = await fixture.Http.PutAsync($"/collections/{alias}/points?wait=true", """{"points":[{"id":3,"vector":[0,1]}]}""");
        var info = (await fixture.Http.GetAsync($"/collections/{alias}")).Result;
        var ofGreen = (await fixture.Http.GetAsync($"/collections/{green}/aliases")).Result.GetProperty("aliases");

        Assert.Equal(1, before);
        Assert.Equal(2, after);
        Assert.Equal(HttpStatusCode.OK, upsert.Status);
        Assert.Equal(2, info.GetProperty("points_count").GetInt32());
        Assert.Equal(alias, Assert.Single(ofGreen.EnumerateArray()).GetProperty("alias_name").GetString());
    }

    [Fact]
    public async Task FailingActionList_LeavesEveryAliasAsItWas()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        var alias = "keep_" + name;
        await Actions($$$"""[{"create_alias":{"collection_name":"{{{name}}}","alias_name":"{{{alias}}}"}}]""");

        var reply = await fixture.Http.PostAsync("/collections/aliases", $$$"""
            {"actions":[{"delete_alias":{"alias_name":"{{{alias}}}"}},{"create_alias":{"collection_name":"nope_{{{name}}}","alias_name":"x_{{{name}}}"}}]}
            """);
        var all = (await fixture.Http.GetAsync("/aliases")).Result.GetProperty("aliases").EnumerateArray()
            .Select(a => (a.GetProperty("alias_name").GetString(), a.GetProperty("collection_name").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal($"Not found: Collection `nope_{name}` doesn't exist!", reply.Error);
        Assert.Contains((alias, name), all);
    }

    [Fact]
    public async Task RenameAlias_MovesIt_AndRenamingAMissingAliasIs404()
    {
        var name = await fixture.CreateCollectionAsync(size: 2);
        await Actions($$$"""[{"create_alias":{"collection_name":"{{{name}}}","alias_name":"old_{{{name}}}"}}]""");

        await Actions($$$"""[{"rename_alias":{"old_alias_name":"old_{{{name}}}","new_alias_name":"new_{{{name}}}"}}]""");
        var missing = await fixture.Http.PostAsync("/collections/aliases", $$$"""{"actions":[{"rename_alias":{"old_alias_name":"old_{{{name}}}","new_alias_name":"z"}}]}""");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"/collections/new_{name}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"/collections/old_{name}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    private async Task Actions(string actions)
    {
        var reply = await fixture.Http.PostAsync("/collections/aliases", $$$"""{"actions":{{{actions}}}}""");
        Assert.True(reply.Result.GetBoolean());
    }

    private async Task<int> TopIdAsync(string collection) =>
        (await fixture.Http.PostAsync($"/collections/{collection}/points/search", """{"vector":[1,0],"limit":1}""")).Result[0].GetProperty("id").GetInt32();
}
