using System.Reflection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// The hosts convert between domain and contract enums by cast, so each pair must agree member by
/// member: the same names with the same numbers, nothing missing on either side. This walks every
/// enum of the shared vocabulary and the four domains, pairs it with the contract enum of the same
/// name (or the one named below), and fails on any difference.
/// </summary>
public sealed class EnumMappingTests
{
    private static readonly string[] DomainAssemblies = ["Hld.Domain", "Hld.Registry", "Hld.Sessions", "Hld.Hearings", "Hld.Reporting"];

    /// <summary>
    /// Contract enums that mirror a domain enum under another name: the events' deprecated copy of
    /// SpeakerRank, still cast to and from in Hld.Contracts/Events/EmbeddedMessages.cs (decision 011).
    /// </summary>
    private static readonly (string Domain, string Contract)[] Renamed = [("SpeakerRank", "PlenarySpeakerRank")];

    /// <summary>Domain enums that never cross the contract, with why.</summary>
    private static readonly Dictionary<string, string> DomainOnly = new(StringComparer.Ordinal)
    {
        ["ReferenceLoadOutcome"] = "what loading the reference data did; logged, never sent",
        ["GroupStanding"] = "a State's standing in its regional group in the reference files; read at start-up",
        ["StakeholderListKind"] = "sessions' own record of which final list a stakeholder came from",
    };

    public static TheoryData<string, string> Pairs()
    {
        var contracts = ContractEnums();
        var data = new TheoryData<string, string>();
        foreach (var domain in DomainEnums().Where(e => !DomainOnly.ContainsKey(e.Name)))
        {
            data.Add(domain.FullName!, contracts[domain.Name].FullName!);
            foreach (var (_, contract) in Renamed.Where(r => r.Domain == domain.Name))
            {
                data.Add(domain.FullName!, contracts[contract].FullName!);
            }
        }

        return data;
    }

    [Fact]
    public void Every_domain_enum_has_a_contract_enum_or_a_reason_not_to()
    {
        var contracts = ContractEnums();
        var unpaired = DomainEnums().Select(e => e.Name).Where(n => !contracts.ContainsKey(n) && !DomainOnly.ContainsKey(n)).ToList();
        Assert.Empty(unpaired);
        Assert.All(DomainOnly.Keys, name => Assert.Contains(DomainEnums(), e => e.Name == name));
        Assert.True(Pairs().Count >= 14, $"only {Pairs().Count} pairs found: the walk missed assemblies");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Domain_and_contract_enums_agree_member_by_member(string domainType, string contractType)
    {
        var domain = Members(FindType(domainType));
        var contract = Members(FindType(contractType));
        Assert.Equal(contract, domain);
    }

    private static SortedDictionary<string, long> Members(Type type) =>
        new(Enum.GetNames(type).ToDictionary(n => n, n => Convert.ToInt64(Enum.Parse(type, n), System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);

    private static Type FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).OfType<Type>().Single();

    private static List<Type> DomainEnums() =>
        [.. DomainAssemblies.Select(Assembly.Load).SelectMany(a => a.GetExportedTypes()).Where(t => t.IsEnum)];

    private static Dictionary<string, Type> ContractEnums() =>
        Assembly.Load("Hld.Contracts").GetExportedTypes().Where(t => t.IsEnum && !t.IsNested).ToDictionary(t => t.Name, StringComparer.Ordinal);
}
