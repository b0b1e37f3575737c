using MultiCluster.ServiceDefaults.Configuration;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Configuration;

/// <summary>YAML becomes the same keys JSON would.</summary>
public sealed class YamlFlattenerTests
{
    [Fact]
    public void NestedMappingsAndSequences_FlattenLikeJson()
    {
        var data = Flatten("""
            Service:
              Name: discovery
              GrpcPort: 5101
            Auth:
              Keys:
                - Name: ops
                  Role: admin
                - Name: rebalancer
                  Role: service
            Empty: ~
            Quoted: "null"
            """);

        Assert.Equal("discovery", data["Service:Name"]);
        Assert.Equal("5101", data["Service:GrpcPort"]);
        Assert.Equal("ops", data["Auth:Keys:0:Name"]);
        Assert.Equal("service", data["Auth:Keys:1:Role"]);
        Assert.Null(data["Empty"]);
        Assert.Equal("null", data["Quoted"]);
    }

    [Fact]
    public void KeysDifferingOnlyInCase_AreRefusedWithTheLine()
    {
        var error = Assert.Throws<FormatException>(() => Flatten("""
            Service:
              Name: a
              name: b
            """));

        Assert.Equal("test.yaml: line 3: key 'Service:name' appears twice (keys are case-insensitive).", error.Message);
    }

    [Fact]
    public void InvalidYaml_SaysWhereItBreaks()
    {
        var error = Assert.Throws<FormatException>(() => Flatten("Service:\n  Name: [unclosed\n"));

        Assert.StartsWith("test.yaml: line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopLevelList_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => Flatten("- a\n- b\n"));

        Assert.Contains("the top level must be a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_HasNoKeys() => Assert.Empty(Flatten(""));

    private static Dictionary<string, string?> Flatten(string yaml)
    {
        using var reader = new StringReader(yaml);
        return YamlFlattener.Flatten(reader, "test.yaml");
    }
}
