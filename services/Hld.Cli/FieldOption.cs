using System.Collections;
using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hld.Cli;

/// <summary>
/// One request field as an option (<c>page_size</c> → <c>--page-size &lt;int32&gt;</c>). The value is checked
/// against the field's proto type while the command line is parsed, so a bad value is a parse error
/// that names the option, before anything is sent.
/// </summary>
internal sealed class FieldOption
{
    private FieldOption(FieldDescriptor field, Option<object> option)
    {
        Field = field;
        Option = option;
    }

    public FieldDescriptor Field { get; }

    public Option<object> Option { get; }

    /// <summary>The options of every field of <paramref name="request"/> a command line can carry (maps only through the JSON body).</summary>
    public static IEnumerable<FieldOption> For(MessageDescriptor request, ProtoComments comments, TypeRegistry types, IReadOnlySet<string> reserved)
    {
        foreach (var field in request.Fields.InFieldNumberOrder().Where(f => !f.IsMap))
        {
            var name = "--" + ContractCatalog.Kebab(field.Name);
            if (reserved.Contains(name))
            {
                name = "--field-" + ContractCatalog.Kebab(field.Name);
            }

            var type = TypeName(field);
            var option = new Option<object>(name)
            {
                Description = Describe(field, comments),
                HelpName = field.IsRepeated ? type + "…" : type,
                Arity = field.IsRepeated ? ArgumentArity.OneOrMore : ArgumentArity.ExactlyOne,
                AllowMultipleArgumentsPerToken = false,
                CustomParser = result =>
                {
                    var values = new List<object>();
                    foreach (var token in result.Tokens)
                    {
                        var value = Convert(field, token.Value, types, out var error);
                        if (error is not null)
                        {
                            result.AddError($"{name}: \"{token.Value}\" {error}");
                            return null;
                        }

                        values.Add(value!);
                    }

                    return field.IsRepeated ? values : values.FirstOrDefault();
                },
            };
            yield return new FieldOption(field, option);
        }
    }

    /// <summary>Sets the field on <paramref name="request"/>; an option given wins over the JSON body's value.</summary>
    public void Apply(IMessage request, object value)
    {
        if (Field.IsRepeated)
        {
            var list = (IList)Field.Accessor.GetValue(request);
            list.Clear();
            foreach (var item in (List<object>)value)
            {
                list.Add(item);
            }
        }
        else
        {
            Field.Accessor.SetValue(request, value);
        }
    }

    private static string Describe(FieldDescriptor field, ProtoComments comments)
    {
        var text = comments.Of(field.FullName);
        if (field.FieldType == FieldType.Enum)
        {
            text = $"{text} One of: {EnumNames(field.EnumType)}.".TrimStart();
        }

        return text;
    }

    // member-state for PARTICIPANT_CATEGORY_MEMBER_STATE: what the option takes, without the enum's prefix.
    private static string EnumNames(EnumDescriptor enumType)
    {
        var prefix = EnumPrefix(enumType);
        return string.Join(", ", enumType.Values.Where(v => v.Number != 0)
            .Select(v => (v.Name.StartsWith(prefix, StringComparison.Ordinal) ? v.Name[prefix.Length..] : v.Name).Replace('_', '-').ToLowerInvariant()));
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Enum => "enum",
        FieldType.Message => field.MessageType.FullName switch
        {
            "google.protobuf.Timestamp" => "timestamp",
            "google.protobuf.Duration" => "duration",
            "google.protobuf.FieldMask" => "field-mask",
            _ => "json",
        },
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };

    // PARTICIPANT_CATEGORY_ for ParticipantCategory: the value names repeat their enum's name (buf STANDARD).
    private static string EnumPrefix(EnumDescriptor enumType) => ContractCatalog.Kebab(enumType.Name).Replace('-', '_').ToUpperInvariant() + "_";

    /// <summary>The field's value from its command-line text, or null and what is wrong with it.</summary>
    private static object? Convert(FieldDescriptor field, string text, TypeRegistry types, out string? error)
    {
        error = null;
        var invariant = CultureInfo.InvariantCulture;
        switch (field.FieldType)
        {
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                return int.TryParse(text, NumberStyles.Integer, invariant, out var i32) ? i32 : Fail("is not an int32", out error);
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64:
                return long.TryParse(text, NumberStyles.Integer, invariant, out var i64) ? i64 : Fail("is not an int64", out error);
            case FieldType.UInt32 or FieldType.Fixed32:
                return uint.TryParse(text, NumberStyles.Integer, invariant, out var u32) ? u32 : Fail("is not a uint32", out error);
            case FieldType.UInt64 or FieldType.Fixed64:
                return ulong.TryParse(text, NumberStyles.Integer, invariant, out var u64) ? u64 : Fail("is not a uint64", out error);
            case FieldType.Double:
                return double.TryParse(text, NumberStyles.Float, invariant, out var d) ? d : Fail("is not a double", out error);
            case FieldType.Float:
                return float.TryParse(text, NumberStyles.Float, invariant, out var f) ? f : Fail("is not a float", out error);
            case FieldType.Bool:
                return bool.TryParse(text, out var b) ? b : Fail("is not a bool (true or false)", out error);
            case FieldType.String:
                return text;
            case FieldType.Bytes:
                try
                {
                    return ByteString.FromBase64(text);
                }
                catch (FormatException)
                {
                    return Fail("is not base64", out error);
                }

            case FieldType.Enum:
                return EnumValue(field.EnumType, text, out error);
            default:
                return MessageValue(field.MessageType, text, types, out error);
        }
    }

    private static object? EnumValue(EnumDescriptor enumType, string text, out string? error)
    {
        error = null;
        var wanted = text.Replace('-', '_').ToUpperInvariant();
        var value = enumType.FindValueByName(wanted) ?? enumType.FindValueByName(EnumPrefix(enumType) + wanted);
        if (value is null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            value = enumType.FindValueByNumber(number);
        }

        return value is null
            ? Fail($"is not a {enumType.Name}: one of {EnumNames(enumType)}", out error)
            : Enum.ToObject(enumType.ClrType, value.Number);
    }

    // Message fields take their JSON form; a bare word is the JSON string of a timestamp, duration or field mask.
    private static object? MessageValue(MessageDescriptor type, string text, TypeRegistry types, out string? error)
    {
        error = null;
        var trimmed = text.TrimStart();
        var json = trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed.StartsWith('"') ? text : System.Text.Json.JsonSerializer.Serialize(text);
        try
        {
            return new JsonParser(JsonParser.Settings.Default.WithTypeRegistry(types)).Parse(json, type);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return Fail($"is not a {type.Name} ({OneLine(ex.Message)})", out error);
        }
    }

    public static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static object? Fail(string what, out string? error)
    {
        error = what;
        return null;
    }
}
