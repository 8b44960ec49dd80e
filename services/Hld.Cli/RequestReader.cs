using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hld.Cli;

/// <summary>
/// The request of a call: its JSON body (positional or <c>--json</c>), then the field options over it.
/// Every refusal is a <see cref="UsageException"/> naming the field, never a parser's stack trace.
/// </summary>
internal sealed class RequestReader(TypeRegistry types)
{
    public IMessage Read(ContractMethod method, string? json, IEnumerable<(FieldOption Option, object Value)> options)
    {
        var request = Parse(method, string.IsNullOrWhiteSpace(json) ? "{}" : json);
        foreach (var (option, value) in options)
        {
            option.Apply(request, value);
        }

        return request;
    }

    private IMessage Parse(ContractMethod method, string json)
    {
        var what = $"the request for {method.Area} {method.Command} ({method.Descriptor.InputType.FullName})";
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"{what} must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            CheckFields(document.RootElement, method.Descriptor.InputType, string.Empty, what);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{what} is not valid JSON: {FieldOption.OneLine(ex.Message)}");
        }

        try
        {
            return new JsonParser(JsonParser.Settings.Default.WithTypeRegistry(types)).Parse(json, method.Descriptor.InputType);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or InvalidOperationException)
        {
            throw new UsageException($"{what}: {FieldOption.OneLine(ex.Message)}");
        }
    }

    // Walks the body against the descriptor so that a misspelt field is named with its path; the
    // protobuf parser alone says only "Unknown field".
    private static void CheckFields(JsonElement element, MessageDescriptor type, string path, string what)
    {
        if (element.ValueKind != JsonValueKind.Object || type.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var field = type.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name || f.Name == property.Name);
            var name = path + property.Name;
            if (field is null)
            {
                throw new UsageException($"unknown field \"{name}\" in {what}; its fields: {string.Join(", ", type.Fields.InDeclarationOrder().Select(f => f.JsonName))}");
            }

            if (field.FieldType != FieldType.Message || field.IsMap)
            {
                continue;
            }

            if (field.IsRepeated && property.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    CheckFields(item, field.MessageType, $"{name}[{index++}].", what);
                }
            }
            else
            {
                CheckFields(property.Value, field.MessageType, name + ".", what);
            }
        }
    }
}
