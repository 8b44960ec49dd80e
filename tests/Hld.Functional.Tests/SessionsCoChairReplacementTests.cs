using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.SessionsTestKit;

namespace Hld.Functional.Tests;

/// <summary>Replacing a co-chair over gRPC (para 3(d)), on hosts of its own so the board starts empty.</summary>
public sealed class SessionsCoChairReplacementTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly CallOptions Pga = TestTokens.Call(Roles.PgaOffice);

    private SessionsService.SessionsServiceClient Client => hosts.Sessions();

    [Fact]
    public async Task The_PGA_office_replaces_a_co_chair_under_the_balance_rule_and_the_board_keeps_who_held_the_seat_para3d()
    {
        foreach (var (id, group) in new[]
        {
            ("SEN", RegionalGroup.AfricanStates), ("CIV", RegionalGroup.AfricanStates), ("NLD", RegionalGroup.WesternEuropeanAndOtherStates), ("IDN", RegionalGroup.AsiaPacificStates),
        })
        {
            await hosts.RegisterAsync(id, ParticipantCategory.MemberState, group);
        }

        foreach (var group in new[] { RegionalGroup.AfricanStates, RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates, RegionalGroup.WesternEuropeanAndOtherStates })
        {
            await Client.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest { RegionalGroup = group, HeldOn = new CalendarDate { Year = 2013, Month = 5, Day = 20 }, Note = "Consulted" }, Pga);
        }

        await Client.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = 1, ParticipantId = "SEN", RepresentativeName = "H.E. the representative of Senegal" }, Pga);
        var board = await Client.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = 1, ParticipantId = "NLD", RepresentativeName = "H.E. the representative of the Netherlands" }, Pga);
        ReplaceCoChairRequest Replace(string outgoing, string successor, string etag) => new()
        {
            RoundTable = 1, ParticipantId = outgoing, SuccessorParticipantId = successor, RepresentativeName = $"H.E. the representative of {successor}", Reason = "Posted to another capital", Etag = etag,
        };

        var samePair = await Assert.ThrowsAsync<RpcException>(() => Client.ReplaceCoChairAsync(Replace("NLD", "CIV", board.Etag), Pga).ResponseAsync);
        var notSeated = await Assert.ThrowsAsync<RpcException>(() => Client.ReplaceCoChairAsync(Replace("IDN", "CIV", board.Etag), Pga).ResponseAsync);
        var noEtag = await Assert.ThrowsAsync<RpcException>(() => Client.ReplaceCoChairAsync(Replace("SEN", "IDN", ""), Pga).ResponseAsync);
        var notPga = await Assert.ThrowsAsync<RpcException>(() => Client.ReplaceCoChairAsync(Replace("SEN", "IDN", board.Etag), TestTokens.Call(Roles.Secretariat)).ResponseAsync);
        var replaced = await Client.ReplaceCoChairAsync(Replace("SEN", "IDN", board.Etag), Pga);
        var stale = await Assert.ThrowsAsync<RpcException>(() => Client.ReplaceCoChairAsync(Replace("IDN", "CIV", board.Etag), Pga).ResponseAsync);
        var read = await Client.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), TestTokens.Call(Roles.ReportingReader));

        AssertRule(samePair, "CO_CHAIRS_FROM_THE_SAME_REGIONAL_GROUP", "3(d)");
        AssertRule(notSeated, "NOT_A_CO_CHAIR_OF_THE_ROUND_TABLE", "3(d)");
        Assert.Equal(StatusCode.InvalidArgument, noEtag.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, notPga.StatusCode);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(("IDN", RegionalGroup.AsiaPacificStates), (replaced.CoChair.ParticipantId, replaced.CoChair.RegionalGroup));
        Assert.Equal(("SEN", "IDN", "Posted to another capital"), (replaced.Replaced.CoChair.ParticipantId, replaced.Replaced.SuccessorParticipantId, replaced.Replaced.Reason));
        Assert.Equal((2, true), (replaced.Balance.SeatsFilled, replaced.Balance.Balanced));
        Assert.Equal(["NLD", "IDN"], read.CoChairs.Select(c => c.ParticipantId));
        Assert.Equal(["SEN"], read.FormerCoChairs.Select(f => f.CoChair.ParticipantId));
        Assert.Equal(replaced.Etag, read.Etag);
        var published = (await hosts.PublishedAsync<CoChairReplaced>()).Single();
        Assert.Equal(("SEN", RegionalGroup.AfricanStates, "IDN", 2), (published.ReplacedParticipantId, published.ReplacedRegionalGroup, published.Successor.ParticipantId, published.Successor.SeatsFilled));
    }
}
