using Hld.Modalities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hld.Platform.Hosting;

/// <summary>
/// The meeting a host serves: one dialogue definition (docs/dialogue-definitions.md), named by
/// <c>Hld:Dialogue</c>, a shipped definition's name (hld-2013, the default) or a file's path. It is
/// read and checked while the host is built, so a definition that cannot be used stops the start with
/// every problem named (file, JSONPath, what is wrong) instead of failing on the first call.
/// </summary>
public static class DialogueDefinitionHosting
{
    public const string Setting = "Hld:Dialogue";

    public static DialogueDefinition AddDialogueDefinition(this WebApplicationBuilder builder)
    {
        var named = builder.Configuration[Setting];
        var definition = DialogueDefinitions.Load(string.IsNullOrWhiteSpace(named) ? DialogueDefinitions.Default : named);
        builder.Services.AddSingleton(definition);
        builder.Services.AddSingleton(new RuleBook(definition));
        return definition;
    }
}
