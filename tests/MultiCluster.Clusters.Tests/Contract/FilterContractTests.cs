using System.Text.Json.Nodes;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>Each filter kind selects exactly the points Qdrant's filter semantics say it does (expected ids worked out by hand).</summary>
[Collection(ContractSuite.Name)]
public sealed class FilterContractTests(ClusterUnderTest target) : IAsyncLifetime
{
    private const string Uuid = "11111111-2222-4333-8444-555555555555";

    // id: payload
    private static readonly (string Id, string Payload)[] Library =
    [
        ("1", """{"color":"red","size":1,"price":9.5,"sold":true,"tags":["new","sale"],"meta":{"author":"ann"},"parts":[{"kind":"x","n":1},{"kind":"y","n":2}]}"""),
        ("2", """{"color":"blue","size":2,"price":20,"sold":false,"tags":["old"],"meta":{"author":"bob"},"parts":[{"kind":"x","n":5}]}"""),
        ("3", """{"color":"red","size":3,"price":30.25,"sold":false,"tags":[],"meta":{"author":null},"notes":null}"""),
        ("4", """{"color":"green","size":4,"sold":true,"notes":"fragile"}"""),
        (Uuid, """{"color":"blue","size":5,"price":5,"tags":["sale"],"parts":[{"kind":"y","n":1}]}"""),
    ];

    private string _name = "";

    private IVectorCluster Cluster => target.Cluster;

    public async Task InitializeAsync()
    {
        _name = await target.NewCollectionAsync("filters", 2, Distance.Dot);
        await Cluster.UpsertAsync(_name, Library.Select((p, i) => new PointRecord(p.Id, [i + 1f, 1f], JsonNode.Parse(p.Payload)!.AsObject())).ToList()).Within();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, Filter, string[]> Cases => new()
    {
        { "keyword", Filter.All(Condition.Match("color", "red")), ["1", "3"] },
        { "integer", Filter.All(Condition.Match("size", 2L)), ["2"] },
        { "boolean", Filter.All(Condition.Match("sold", true)), ["1", "4"] },
        { "any", Filter.All(Condition.MatchAny("color", MatchSet.Of("green", "blue"))), ["2", "4", Uuid] },
        { "except", Filter.All(Condition.MatchExcept("size", MatchSet.Of(1L, 2L, 3L))), ["4", Uuid] },
        { "range", Filter.All(Condition.Range("price", gte: 9.5, lt: 30)), ["1", "2"] },
        { "open range", Filter.All(Condition.Range("price", gt: 20)), ["3"] },
        { "array element", Filter.All(Condition.Match("tags", "sale")), ["1", Uuid] },
        { "array flattened", Filter.All(Condition.Match("tags[]", "sale")), ["1", Uuid] },
        { "nested key", Filter.All(Condition.Match("meta.author", "bob")), ["2"] },
        { "has_id", Filter.All(Condition.HasId("2", Uuid.ToUpperInvariant(), "77")), ["2", Uuid] },
        { "is_empty", Filter.All(Condition.IsEmpty("tags")), ["3", "4"] },
        { "is_null", Filter.All(Condition.IsNull("notes")), ["3"] },
        { "nested object", Filter.All(Condition.Nested("parts", Filter.All(Condition.Match("kind", "x"), Condition.Range("n", gte: 2)))), ["2"] },
        { "should", Filter.Any(Condition.Match("color", "green"), Condition.Match("size", 1L)), ["1", "4"] },
        { "must_not", Filter.None(Condition.Match("color", "red")), ["2", "4", Uuid] },
        { "group", new Filter(Must: [Condition.Match("sold", false)], MustNot: [Condition.Group(Filter.Any(Condition.Match("color", "blue")))]), ["3"] },
        { "empty", new Filter(), ["1", "2", "3", "4", Uuid] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Filter_SelectsExactlyTheMatchingPoints(string kind, Filter filter, string[] expected)
    {
        var page = await Cluster.ScrollAsync(_name, new ScrollRequest(100, Filter: filter)).Within();

        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(page.Points.Select(p => p.Id).Order(StringComparer.Ordinal)), $"{kind}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", page.Points.Select(p => p.Id))}]");
        Assert.Equal(expected.Length, await Cluster.CountAsync(_name, filter).Within());
    }
}
