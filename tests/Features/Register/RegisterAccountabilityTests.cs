using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Register;

/// <summary>
/// Issue 17.8: the register records to whom each partnership is accountable and which elected members are involved
/// (002 "accountability often unclear", 003 councillors' engagement), edited by the PPM with history, shown on the card;
/// the life-cycle stage is chosen with the 003 descriptions and seeded entries start "Not recorded" unless known.
/// </summary>
public sealed class RegisterAccountabilityTests : IAsyncLifetime
{
    private CycleBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static Task<JsonObject> OpenAsync(TeamsUser user, string id = CycleBot.CommunitySafety) =>
        user.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = id });

    private static Dictionary<string, string> Form(string accountableBody, string electedMembers) => new()
    {
        ["name"] = "Community Safety Partnership",
        ["status"] = "Active",
        ["leadRole"] = "HCS",
        ["accountableBody"] = accountableBody,
        ["electedMembers"] = electedMembers,
    };

    [Fact]
    public async Task EditSave_AccountableBodyAndElectedMembers_StoredShownAndKeptWithHistory()
    {
        var pat = _bot.Harness.User("Pat");
        var detail = await OpenAsync(pat);
        Assert.Contains("Accountable body / reporting line", CardInspector.AllText(detail));
        Assert.Equal("", StepCard.Prefilled(await pat.ClickAsync(detail, "Edit"), "accountableBody") ?? "");

        var form = await pat.ClickAsync(detail, "Edit");
        var saved = await pat.ClickAsync(form, "Save", Form("Reports to the Executive via the [Community](http://x) Scrutiny Committee", "Cllr Ann Smith\n\n Cllr Bob Jones "));

        var text = CardInspector.AllText(saved);
        Assert.Contains("Reports to the Executive via the [Community](http://x) Scrutiny Committee", text);
        Assert.Contains("Cllr Ann Smith, Cllr Bob Jones", text);
        var entry = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(["Cllr Ann Smith", "Cllr Bob Jones"], entry.ElectedMembers);
        Assert.Equal("Edited: accountable body, elected members", entry.History[^1].What);

        // A second edit replaces the current values; the first ones stay in the history with who recorded them.
        var again = await pat.ClickAsync(await pat.ClickAsync(saved, "Edit"), "Save", Form("Community Safety Board", "Cllr Ann Smith"));
        Assert.Contains("Community Safety Board", CardInspector.AllText(again));
        await _bot.RestartAsync();
        entry = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(("Community Safety Board", "Cllr Ann Smith"), (entry.AccountableBody, Assert.Single(entry.ElectedMembers)));
        Assert.Equal(
            [("Reports to the Executive via the [Community](http://x) Scrutiny Committee", 2, CycleBot.Ppm), ("Community Safety Board", 1, CycleBot.Ppm)],
            entry.AccountabilityHistory.Select(h => (h.AccountableBody, h.ElectedMembers.Count, h.ById)));
        Assert.Equal("Edited: accountable body, elected members", entry.History[^1].What);
        // The form opens with what is recorded now.
        var reopened = await pat.ClickAsync(await OpenAsync(pat), "Edit");
        Assert.Equal(("Community Safety Board", "Cllr Ann Smith"), (StepCard.Prefilled(reopened, "accountableBody"), StepCard.Prefilled(reopened, "electedMembers")));
    }

    [Fact]
    public async Task EditSave_TooLongAccountableBody_RefusedAndWhatWasTypedKept()
    {
        var pat = _bot.Harness.User("Pat");
        var form = await pat.ClickAsync(await OpenAsync(pat), "Edit");
        var tooLong = new string('a', RegisterEditRules.MaxAccountableBodyLength + 1);

        var refused = await pat.ClickAsync(form, "Save", Form(tooLong, "Cllr Ann Smith"));

        Assert.Contains("the limit is 1,000", CardInspector.AllText(refused));
        Assert.Equal((tooLong, "Cllr Ann Smith"), (StepCard.Prefilled(refused, "accountableBody"), StepCard.Prefilled(refused, "electedMembers")));
        var entry = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(("", 0, 0), (entry.AccountableBody, entry.ElectedMembers.Count, entry.AccountabilityHistory.Count));
    }

    [Fact]
    public async Task EditSave_LeadOfficer_RefusedAndNothingRecorded()
    {
        var hana = _bot.Harness.User("Hana");
        var detail = await OpenAsync(hana);
        Assert.DoesNotContain("Edit", CardInspector.ButtonTitles(detail));

        var refused = await hana.InvokeAsync(CardVerbs.PartnershipSave, new JsonObject
        {
            ["verb"] = CardVerbs.PartnershipSave,
            ["partnershipId"] = CycleBot.CommunitySafety,
            ["name"] = "Community Safety Partnership",
            ["status"] = "Active",
            ["accountableBody"] = "Nobody",
        });

        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        Assert.Equal("", (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.AccountableBody);
    }

    [Fact]
    public async Task Detail_StageChoices_CarryThe003DescriptionsAndSeedsStartNotRecorded()
    {
        var detail = await OpenAsync(_bot.Harness.User("Hana"));

        var text = CardInspector.AllText(detail);
        Assert.Contains("Not recorded – not yet recorded by the lead officer or the People and Policy Manager", text);
        foreach (var choice in new[] { "Forming – early enthusiasm, exploratory", "Frustration – tension, hidden agendas", "Failing – disengagement, breakdown",
                     "Functioning – focused, clear roles", "Flying – achieving goals, trust, shared leadership" })
        {
            Assert.Contains(choice, text);
        }

        Assert.All(await _bot.Register.AllAsync(default), p => Assert.Equal(LifeCycleStage.NotRecorded, p.Stage));
    }

    [Fact]
    public void SeedsParse_EntryWithKnownStageAndAccountability_KeepsThemOthersNotRecorded()
    {
        const string json = """
            { "status": "Active", "stage": "NotRecorded", "partnerships": [
              { "id": "a", "name": "Known", "role": "HCS", "stage": "Functioning", "accountableBody": " Executive ", "electedMembers": ["Cllr A", " "] },
              { "id": "b", "name": "Unknown", "role": "HCS" } ] }
            """;

        var seeded = KeyPartnershipSeeds.Parse("test.json", json, new RegisterOptions(), DateTimeOffset.UnixEpoch);

        Assert.Equal((LifeCycleStage.Functioning, "Executive", "Cllr A"), (seeded[0].Stage, seeded[0].AccountableBody, Assert.Single(seeded[0].ElectedMembers)));
        Assert.Equal((LifeCycleStage.NotRecorded, "", 0), (seeded[1].Stage, seeded[1].AccountableBody, seeded[1].ElectedMembers.Count));
    }
}
