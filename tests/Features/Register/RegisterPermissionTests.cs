using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Register;

/// <summary>
/// Who may change the register, through the real pipeline: the PPM edits, reassigns and ends; a lead officer changes
/// only their own partnership's stage; anyone else is refused and nothing changes. Decided by aadObjectId alone.
/// </summary>
public sealed class RegisterPermissionTests : IAsyncLifetime
{
    private CycleBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<Partnership?> EntryAsync(string id = CycleBot.CommunitySafety) => _bot.Register.FindAsync(id, default);

    private static Task<JsonObject> OpenAsync(TeamsUser user, string id = CycleBot.CommunitySafety) =>
        user.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = id });

    [Fact]
    public async Task Ppm_EditsReassignsAndEnds_EachSavedWithHistory()
    {
        var pat = _bot.Harness.User("Pat");
        var detail = await OpenAsync(pat);
        Assert.Equal(["Committee comments", "Update stage", "Edit", "Hallmark self-assessment", "End partnership", "Back to the register"], CardInspector.ButtonTitles(detail));

        var form = await pat.ClickAsync(detail, "Edit");
        Assert.Equal("Community Safety Partnership", StepCard.Prefilled(form, "name"));
        var saved = await pat.ClickAsync(form, "Save", new Dictionary<string, string>
        {
            ["name"] = "Community Safety Partnership",
            ["purpose"] = "Reduce crime and disorder",
            ["partners"] = "Essex Police\nEssex Fire and Rescue",
            ["status"] = "Active",
            ["startDate"] = "2019-04-01",
            ["lastThreeYearReview"] = "2025-04-10",
            ["leadOfficerId"] = "aad-eve",
            ["leadOfficerName"] = "Eve Stone",
            ["leadRole"] = "HES",
        });
        Assert.Contains("Eve Stone", CardInspector.AllText(saved));

        var entry = (await EntryAsync())!;
        Assert.Equal(("aad-eve", "HES", new DateOnly(2019, 4, 1), new DateOnly(2025, 4, 10)), (entry.LeadOfficerId, entry.LeadRole, entry.StartDate, entry.LastThreeYearReview));
        Assert.Equal(["Essex Police", "Essex Fire and Rescue"], entry.Partners);
        Assert.Contains(entry.History, h => h.ById == CycleBot.Ppm && h.What == "Lead officer reassigned (HCS to HES)");

        var confirm = await pat.ClickAsync(saved, "End partnership");
        var ended = await pat.ClickAsync(confirm, "Yes, end it");
        Assert.Contains("Ended", CardInspector.AllText(ended));
        Assert.Equal(PartnershipStatus.Ended, (await EntryAsync())!.Status);
    }

    [Fact]
    public async Task LeadOfficer_OwnPartnership_CanChangeOnlyTheStage()
    {
        var hana = _bot.Harness.User("Hana");
        var detail = await OpenAsync(hana);
        Assert.Equal(["Committee comments", "Update stage", "Hallmark self-assessment", "Back to the register"], CardInspector.ButtonTitles(detail));

        var updated = await hana.ClickAsync(detail, "Update stage", new Dictionary<string, string> { ["stage"] = "Flying" });

        Assert.Contains("Stage: Flying", CardInspector.AllText(updated));
        var entry = (await EntryAsync())!;
        Assert.Equal(LifeCycleStage.Flying, entry.Stage);
        Assert.Equal("Stage changed from Not recorded to Flying", entry.History[^1].What);
    }

    [Fact]
    public async Task LeadOfficer_SomeoneElsesPartnershipOrAnEdit_IsRefusedAndNothingChanges()
    {
        var hana = _bot.Harness.User("Hana");
        var thames = (await EntryAsync("kp01"))!;
        var ownBefore = (await EntryAsync())!;

        var stage = await hana.InvokeAsync(CardVerbs.PartnershipStage, new JsonObject
        {
            ["verb"] = CardVerbs.PartnershipStage, ["partnershipId"] = "kp01", ["version"] = thames.Version, ["stage"] = "Failing",
        });
        var edit = await hana.InvokeAsync(CardVerbs.PartnershipSave, new JsonObject
        {
            ["verb"] = CardVerbs.PartnershipSave, ["partnershipId"] = CycleBot.CommunitySafety, ["version"] = ownBefore.Version,
            ["name"] = "Renamed", ["status"] = "Active", ["leadRole"] = "HCS",
        });

        Assert.Contains("Not allowed", CardInspector.AllText(stage));
        Assert.Contains("Not allowed", CardInspector.AllText(edit));
        Assert.Equal(thames, await EntryAsync("kp01"), PartnershipComparer);
        Assert.Equal(ownBefore, await EntryAsync(), PartnershipComparer);
    }

    [Fact]
    public async Task Others_ForgedEditStageAndEnd_AreRefusedAndNothingChanges()
    {
        // Mallory sends the buttons' data by hand, naming the PPM in the data: only the activity's aadObjectId counts.
        var mallory = _bot.Harness.User("Mallory");
        var before = (await EntryAsync())!;
        var detail = await OpenAsync(mallory);
        Assert.Equal(["Committee comments", "Back to the register"], CardInspector.ButtonTitles(detail));

        JsonObject Data(string verb) => new()
        {
            ["verb"] = verb, ["partnershipId"] = CycleBot.CommunitySafety, ["version"] = before.Version,
            ["stage"] = "Failing", ["name"] = "Hijacked", ["status"] = "Ended", ["leadOfficerId"] = "aad-mallory", ["leadRole"] = "PPM",
            ["userId"] = CycleBot.Ppm, ["aadObjectId"] = CycleBot.Ppm,
        };

        foreach (var verb in new[] { CardVerbs.PartnershipStage, CardVerbs.PartnershipEdit, CardVerbs.PartnershipSave, CardVerbs.PartnershipEnd, CardVerbs.PartnershipEndConfirm })
        {
            var card = await mallory.InvokeAsync(verb, Data(verb));
            Assert.Contains("Not allowed", CardInspector.AllText(card));
        }

        Assert.Equal(before, await EntryAsync(), PartnershipComparer);
    }

    [Fact]
    public async Task Stage_FromAnOutOfDateCard_IsNotSavedOverANewerChange()
    {
        var hana = _bot.Harness.User("Hana");
        var stale = await OpenAsync(hana);
        await hana.ClickAsync(await OpenAsync(hana), "Update stage", new Dictionary<string, string> { ["stage"] = "Flying" });

        var refused = await hana.ClickAsync(stale, "Update stage", new Dictionary<string, string> { ["stage"] = "Failing" });

        Assert.Contains("Changed meanwhile", CardInspector.AllText(refused));
        Assert.Equal(LifeCycleStage.Flying, (await EntryAsync())!.Stage);
    }

    /// <summary>Records hold lists, so compare them as JSON.</summary>
    private static readonly IEqualityComparer<Partnership?> PartnershipComparer = EqualityComparer<Partnership?>.Create(
        (a, b) => System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b));
}
