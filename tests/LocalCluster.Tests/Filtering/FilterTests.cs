using System.Text.Json;
using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Storage;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Filtering;

/// <summary>Qdrant's filter semantics, from the JSON a client sends to the verdict on one point.</summary>
public sealed class FilterTests
{
    private const string Book = """
        {"city": "Berlin", "tags": ["classic", "epic"], "year": 1954, "price": 9.5, "sold": true, "none": null, "empty": [],
         "meta": {"author": {"name": "Tolkien"}, "pages": 1178},
         "editions": [{"lang": "en", "year": 1954}, {"lang": "de", "year": 1969}]}
        """;

    [Theory]
    [InlineData("""{"must":[{"key":"city","match":{"value":"Berlin"}}]}""", true)]
    [InlineData("""{"must":[{"key":"city","match":{"value":"berlin"}}]}""", false)]
    [InlineData("""{"must":[{"key":"tags","match":{"value":"epic"}}]}""", true)]
    [InlineData("""{"must":[{"key":"year","match":{"value":1954}}]}""", true)]
    [InlineData("""{"must":[{"key":"sold","match":{"value":true}}]}""", true)]
    [InlineData("""{"must":[{"key":"year","match":{"value":"1954"}}]}""", false)]
    [InlineData("""{"must":[{"key":"missing","match":{"value":"x"}}]}""", false)]
    public void MatchValue_ComparesKeywordsIntegersAndBooleans_AndAnyArrayElement(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Book));

    [Theory]
    [InlineData("""{"must":[{"key":"city","match":{"any":["Paris","Berlin"]}}]}""", true)]
    [InlineData("""{"must":[{"key":"year","match":{"any":[1, 2]}}]}""", false)]
    [InlineData("""{"must":[{"key":"city","match":{"except":["Paris"]}}]}""", true)]
    [InlineData("""{"must":[{"key":"city","match":{"except":["Berlin"]}}]}""", false)]
    [InlineData("""{"must":[{"key":"tags","match":{"except":["classic"]}}]}""", true)]
    [InlineData("""{"must":[{"key":"missing","match":{"except":["x"]}}]}""", false)]
    [InlineData("""{"must":[{"key":"none","match":{"except":["x"]}}]}""", false)]
    [InlineData("""{"must":[{"key":"sold","match":{"except":["x"]}}]}""", true)]
    public void MatchAnyAndExcept_FollowQdrant(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Book));

    [Theory]
    [InlineData("""{"must":[{"key":"price","range":{"gt":9,"lte":9.5}}]}""", true)]
    [InlineData("""{"must":[{"key":"price","range":{"lt":9.5}}]}""", false)]
    [InlineData("""{"must":[{"key":"meta.pages","range":{"gte":1000}}]}""", true)]
    [InlineData("""{"must":[{"key":"city","range":{"gte":0}}]}""", false)]
    [InlineData("""{"must":[{"key":"editions[].year","range":{"gt":1960}}]}""", true)]
    [InlineData("""{"must":[{"key":"editions[0].year","range":{"gt":1960}}]}""", false)]
    public void Range_TestsNumbers_ThroughDottedKeysAndArrays(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Book));

    [Theory]
    [InlineData("""{"must":[{"key":"meta.author.name","match":{"value":"Tolkien"}}]}""", true)]
    [InlineData("""{"must":[{"key":"editions[].lang","match":{"value":"de"}}]}""", true)]
    [InlineData("""{"must":[{"key":"meta.author.name","match":{"text":"olk"}}]}""", true)]
    public void NestedKeys_ReachIntoObjectsAndArrays(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Book));

    [Theory]
    [InlineData("missing", true, false)]
    [InlineData("none", true, true)]
    [InlineData("empty", true, false)]
    [InlineData("tags", false, false)]
    public void IsEmptyAndIsNull_DistinguishMissingNullAndEmpty(string key, bool isEmpty, bool isNull)
    {
        Assert.Equal(isEmpty, Matches($$$"""{"must":[{"is_empty":{"key":"{{{key}}}"}}]}""", Book));
        Assert.Equal(isNull, Matches($$$"""{"must":[{"is_null":{"key":"{{{key}}}"}}]}""", Book));
    }

    [Theory]
    [InlineData("""{"must":[{"has_id":[1, 7]}]}""", true)]
    [InlineData("""{"must_not":[{"has_id":[7]}]}""", false)]
    [InlineData("""{"should":[{"key":"city","match":{"value":"Paris"}},{"key":"year","range":{"lt":2000}}]}""", true)]
    [InlineData("""{"should":[]}""", false)]
    [InlineData("""{}""", true)]
    [InlineData("""{"must":{"key":"city","match":{"value":"Berlin"}}}""", true)]
    [InlineData("""{"min_should":{"conditions":[{"key":"city","match":{"value":"Berlin"}},{"key":"sold","match":{"value":false}},{"key":"year","match":{"value":1954}}],"min_count":2}}""", true)]
    [InlineData("""{"min_should":{"conditions":[{"key":"city","match":{"value":"Berlin"}},{"key":"sold","match":{"value":false}}],"min_count":2}}""", false)]
    [InlineData("""{"must":[{"should":[{"key":"city","match":{"value":"Paris"}},{"must_not":[{"key":"sold","match":{"value":false}}]}]}]}""", true)]
    public void BooleanStructure_MustShouldMustNotAndNestedFilters(string filter, bool expected) =>
        Assert.Equal(expected, Matches(filter, Book, id: 7));

    [Fact]
    public void NestedCondition_RequiresOneElementToSatisfyEveryCondition()
    {
        const string sameElement = """{"must":[{"nested":{"key":"editions","filter":{"must":[{"key":"lang","match":{"value":"de"}},{"key":"year","match":{"value":1969}}]}}}]}""";
        const string acrossElements = """{"must":[{"nested":{"key":"editions","filter":{"must":[{"key":"lang","match":{"value":"de"}},{"key":"year","match":{"value":1954}}]}}}]}""";

        Assert.True(Matches(sameElement, Book));
        Assert.False(Matches(acrossElements, Book));
        Assert.True(Matches("""{"must":[{"key":"editions[].lang","match":{"value":"de"}},{"key":"editions[].year","match":{"value":1954}}]}""", Book));
    }

    [Fact]
    public void PointWithoutPayload_MatchesOnlyEmptinessAndIdConditions()
    {
        Assert.False(Matches("""{"must":[{"key":"city","match":{"value":"Berlin"}}]}""", null));
        Assert.True(Matches("""{"must":[{"is_empty":{"key":"city"}}]}""", null));
        Assert.True(Matches("""{"must":[{"has_id":[1]}]}""", null));
    }

    [Theory]
    [InlineData("""{"must":[{"key":"x","match":{"value":1.5}}]}""")]
    [InlineData("""{"must":[{"key":"x","match":{"any":["a", 1]}}]}""")]
    [InlineData("""{"must":[{"key":"x"}]}""")]
    [InlineData("""{"bogus":[]}""")]
    [InlineData("""{"must":[{"key":"","match":{"value":1}}]}""")]
    [InlineData("""{"must":[42]}""")]
    public void MalformedFilters_AreRejectedWithAnApiError(string filter) =>
        Assert.Throws<MultiCluster.LocalCluster.Api.ApiException>(() => FilterParser.Parse(JsonDocument.Parse(filter).RootElement, "filter"));

    private static bool Matches(string filter, string? payload, ulong id = 1)
    {
        var parsed = FilterParser.Parse(JsonDocument.Parse(filter).RootElement, "filter");
        JsonElement? element = payload is null ? null : JsonDocument.Parse(payload).RootElement;
        return parsed.Matches(PointId.FromNumber(id), element);
    }
}
