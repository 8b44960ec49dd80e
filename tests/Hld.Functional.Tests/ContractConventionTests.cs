using Google.Protobuf.Reflection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// Conventions buf's STANDARD lint does not check, walked over every file of the contracts
/// (decision 012): AIP-158 paging fields on every List method, and time fields named for what they
/// hold. Our time fields end in `_at` (a moment), `_by` (a moment something is due by) or
/// `deadline`, rather than AIP-142's `_time`, with the few released exceptions listed; the decision records why.
/// </summary>
public sealed class ContractConventionTests
{
    private static readonly FileDescriptor[] Files =
    [
        Contracts.Registry.V1.RegistryReflection.Descriptor,
        Contracts.Sessions.V1.SessionsReflection.Descriptor,
        Contracts.Hearings.V1.HearingsReflection.Descriptor,
        Contracts.Reporting.V1.ReportingReflection.Descriptor,
        Contracts.Common.V1.CommonReflection.Descriptor,
        Contracts.Common.V1.OperationsReflection.Descriptor,
        Contracts.Common.V1.ClockReflection.Descriptor,
        Contracts.Events.V1.RegistryEventsReflection.Descriptor,
        Contracts.Events.V1.SessionsEventsReflection.Descriptor,
        Contracts.Events.V1.HearingsEventsReflection.Descriptor,
        Contracts.Events.V1.ReportingEventsReflection.Descriptor,
        Contracts.Events.V1.EnvelopeReflection.Descriptor,
    ];

    [Fact]
    public void Every_list_method_pages_as_aip_158_says()
    {
        var lists = Files.SelectMany(f => f.Services).SelectMany(s => s.Methods).Where(m => m.Name.StartsWith("List", StringComparison.Ordinal) && !m.IsServerStreaming).ToList();
        Assert.NotEmpty(lists);

        var wrong = lists.Where(m =>
                !Has(m.InputType, "page_size", FieldType.Int32)
                || !Has(m.InputType, "page_token", FieldType.String)
                || !Has(m.OutputType, "next_page_token", FieldType.String))
            .Select(m => m.FullName);

        Assert.Empty(wrong);
    }

    /// <summary>Time fields named otherwise, released so; renaming them would break partners.</summary>
    private static readonly HashSet<string> NamedOtherwise = new(StringComparer.Ordinal)
    {
        "hld.reporting.v1.ImplementationReport.as_of", // the moment the report describes
        "hld.reporting.v1.GetImplementationReportRequest.as_of",
        "hld.common.v1.GetClockResponse.now", // the development clock's own RPCs
        "hld.common.v1.AdvanceClockRequest.to",
        "hld.common.v1.AdvanceClockResponse.now",
    };

    [Fact]
    public void Every_time_field_is_named_for_a_moment()
    {
        var wrong = Files.SelectMany(f => f.MessageTypes).SelectMany(Nested)
            .SelectMany(m => m.Fields.InDeclarationOrder())
            .Where(f => f.FieldType == FieldType.Message && f.MessageType.FullName == "google.protobuf.Timestamp")
            .Where(f => !(f.Name.EndsWith("_at", StringComparison.Ordinal) || f.Name.EndsWith("_by", StringComparison.Ordinal) || f.Name.EndsWith("deadline", StringComparison.Ordinal)))
            .Select(f => f.FullName)
            .ToList();

        Assert.Equal(NamedOtherwise.Order(StringComparer.Ordinal), wrong.Where(NamedOtherwise.Contains).Order(StringComparer.Ordinal));
        Assert.Equal([], wrong.Except(NamedOtherwise, StringComparer.Ordinal));
    }

    private static bool Has(MessageDescriptor message, string name, FieldType type) =>
        message.FindFieldByName(name) is { } field && field.FieldType == type && !field.IsRepeated;

    private static IEnumerable<MessageDescriptor> Nested(MessageDescriptor message) => message.NestedTypes.SelectMany(Nested).Prepend(message);
}
