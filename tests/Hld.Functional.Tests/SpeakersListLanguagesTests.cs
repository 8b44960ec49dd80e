using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.SessionsTestKit;

namespace Hld.Functional.Tests;

/// <summary>The speakers list's explanations in the languages a caller reads (decision 017), on hosts of their own so that no other list's figures move.</summary>
public sealed class SpeakersListLanguagesTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private SessionsService.SessionsServiceClient Client => hosts.Sessions();

    private static CallOptions As(string state) => TestTokens.Call(Roles.MemberState, state);

    // Decision 017: explanations are kept in the six official languages; a request that names
    // languages gets those alone, one that names none gets all six, and a tag outside the six is refused.
    [Fact]
    public async Task A_position_explains_itself_in_the_languages_the_request_asks_for_para5()
    {
        await hosts.MemberStateAsync("PRT", RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.HeadOfGovernment);
        await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 4, ParticipantId = "PRT" }, As("PRT"));

        foreach (var (asked, languages) in new (string[], string)[]
        {
            ([], "ar,en,es,fr,ru,zh"), (["fr"], "fr"), (["ru", "en"], "en,ru"), (["ar", "zh", "en", "fr", "ru", "es"], "ar,en,es,fr,ru,zh"),
        })
        {
            var list = await Client.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 4, Languages = { asked } }, TestTokens.Call(Roles.ReportingReader));

            var explanation = Assert.Single(list.Positions, p => p.ParticipantId == "PRT").Explanation.Texts;
            Assert.Equal((string.Join(",", asked), languages), (string.Join(",", asked), string.Join(",", explanation.Keys.Order(StringComparer.Ordinal))));
            Assert.All(explanation, e => Assert.Contains("2013", e.Value, StringComparison.Ordinal));
            if (explanation.TryGetValue("fr", out var french))
            {
                Assert.Contains("chef de gouvernement", french, StringComparison.Ordinal);
            }
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 4, Languages = { "de" } }, TestTokens.Call(Roles.ReportingReader)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("languages", refused.Status.Detail, StringComparison.Ordinal);
    }
}
