using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Register;

/// <summary>"my partnerships" and "register" with its typed and card filters.</summary>
public class RegisterCommandTests : IAsyncLifetime
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private CycleBot _bot = null!;

    // Registered in January 2027; on 20 March 2027 the 2027 returns are due, and overdue from 15 March.
    public async Task InitializeAsync() => _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero), o => o.Storage = Storage);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static IReadOnlyList<string> Rows(System.Text.Json.Nodes.JsonObject card) =>
        CardInspector.Texts(card).Where(t => t.Contains(" · ", StringComparison.Ordinal) && t.Contains("Next review", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task MyPartnerships_LeadOfficer_SeesOnlyTheirOwnWithWhatIsDue()
    {
        var card = (await _bot.Harness.User("Hana").SayAsync("my partnerships")).Card!;

        var text = CardInspector.AllText(card);
        Assert.Contains("Your partnerships: showing 5 of 5", text);
        Assert.Contains("Community Safety Partnership", text);
        Assert.DoesNotContain("Vine HR Partnerships", text);
        Assert.All(Rows(card), r => Assert.StartsWith("HCS · Active", r));
        // Two of her five are in the 2027 third of the rolling programme.
        Assert.Contains("Annual return with three-yearly review 2027: due 1 March 2027", text);
        Assert.Contains("Annual return 2027: due 1 March 2027", text);
    }

    [Fact]
    public async Task Register_TypedFilters_ShowTheMatchingEntries()
    {
        var pat = _bot.Harness.User("Pat");

        var byRole = (await pat.SayAsync("register role HES")).Card!;
        var active = (await pat.SayAsync("register active")).Card!;
        var unknown = (await pat.SayAsync("register sideways")).Card!;

        Assert.Equal(3, Rows(byRole).Count);
        Assert.All(Rows(byRole), r => Assert.StartsWith("HES", r));
        Assert.Equal(16, Rows(active).Count);
        Assert.Contains("I don't know the filter 'sideways'", CardInspector.AllText(unknown));
    }

    [Fact]
    public async Task Register_Overdue_ListsOnlyUncompletedReturnsPastTheReminderPoint()
    {
        _bot.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 20, 10, 0, 0, TimeSpan.Zero));
        var safety = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        await _bot.Register.EditAsync(safety.Id, null,
            [new RegisterEdit.Details(safety.Name, "", [], PartnershipStatus.Active, null, new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 10))],
            CycleBot.Ppm, "Pat", default);
        var pat = _bot.Harness.User("Pat");

        var overdue = (await pat.SayAsync("register overdue")).Card!;
        var filtered = await pat.ClickAsync(overdue, "Filter", new Dictionary<string, string> { ["statusFilter"] = "overdue", ["roleFilter"] = "HCS" });

        Assert.Contains("showing 15 of 16", CardInspector.AllText(overdue));
        Assert.DoesNotContain("Community Safety Partnership", CardInspector.AllText(overdue));
        Assert.All(Rows(overdue), r => Assert.Contains("OVERDUE", r));
        Assert.Equal(4, Rows(filtered).Count);
        Assert.Contains("Filter: overdue reviews, lead officer role HCS", CardInspector.AllText(filtered));
    }

    [Fact]
    public void Parse_Filters_ReadStatusRoleAndOverdue()
    {
        Assert.Equal(new RegisterFilter(PartnershipStatus.UnderReview, false, "HLEMS"), RegisterFilter.Parse("under review role hlems").Filter);
        Assert.Equal(new RegisterFilter(null, true, "CEX"), RegisterFilter.Parse("overdue CEX").Filter);
        Assert.Equal(RegisterFilter.None, RegisterFilter.Parse("").Filter);
        Assert.NotNull(RegisterFilter.Parse("role XYZ").Error);
        Assert.NotNull(RegisterFilter.Parse("3").Error);
    }

    [Fact]
    public void FromCard_AllChoices_IsNoFilter() =>
        Assert.Equal(RegisterFilter.None, RegisterFilter.FromCard(RegisterFilter.All, RegisterFilter.All));
}
