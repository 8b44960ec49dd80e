using System.Text.Json.Nodes;
using Hld.Modalities;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>A shipped definition as editable JSON, to break one rule of it and see it refused.</summary>
internal static class BrokenDefinition
{
    public static JsonObject Shipped(string name) => JsonNode.Parse(File.ReadAllText(DialogueDefinitions.Resolve(name)))!.AsObject();

    public static DialogueDefinitionException Refused(JsonObject definition) =>
        Assert.Throws<DialogueDefinitionException>(() => DialogueDefinitions.Parse(definition.ToJsonString(), "broken.json"));

    public static int IndexOf(JsonObject definition, string kind, int number) =>
        definition["meetings"]!.AsArray().Select((m, i) => (m, i)).Single(x => (string?)x.m!["kind"] == kind && (int?)x.m["number"] == number).i;
}
