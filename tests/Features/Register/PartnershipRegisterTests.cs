using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Register;

/// <summary>The register's API for other features: approved partnerships entering it, and lookups by id and name.</summary>
public class PartnershipRegisterTests : IAsyncLifetime
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private CycleBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 5, 4, 10, 0, 0, TimeSpan.Zero), o => o.Storage = Storage);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static ApprovedPartnership Approved(string submissionId) => new(
        submissionId, "Rochford Youth Partnership", "aad-yasmin", "Yasmin Khan", "hcs", ["Essex County Council", "Rochford Youth Trust"],
        "Joint youth provision", CycleBot.Ppm, "Pat", new DateOnly(2027, 5, 4));

    [Fact]
    public async Task AddApproved_CalledTwice_OneActiveEntryWithItsStartAndHistory()
    {
        var first = await _bot.Register.AddApprovedAsync(Approved("S12"), default);
        var again = await _bot.Register.AddApprovedAsync(Approved("S12"), default);

        Assert.Equal(first.Id, again.Id);
        var stored = (await _bot.Register.FindAsync(first.Id, default))!;
        Assert.Equal((PartnershipStatus.Active, LifeCycleStage.Forming, "HCS", new DateOnly(2027, 5, 4), 1),
            (stored.Status, stored.Stage, stored.LeadRole, stored.StartDate, stored.Version));
        Assert.Equal("Entered the register on approval", Assert.Single(stored.History).What);
        Assert.Equal(17, (await _bot.Register.AllAsync(default)).Count);
    }

    [Fact]
    public async Task AddApproved_AfterMidCycleApproval_FirstPromptIsNextMarch()
    {
        var entry = await _bot.Register.AddApprovedAsync(Approved("S13"), default);

        await _bot.RunDaysUntilAsync(new DateTimeOffset(2028, 3, 1, 9, 0, 0, TimeSpan.Zero));

        var prompts = Digests.ChatCardsTo(_bot.Outbox, "aad-yasmin");
        Assert.Equal("annual-digest:aad-yasmin:2028:chat", Assert.Single(prompts).IdempotencyKey);
        Assert.Equal([entry.Id], Digests.PartnershipIds(prompts[0].Payload));
    }

    [Fact]
    public async Task FindByName_ExactIgnoringCaseElsePart_ForAssessLookups()
    {
        var exact = await _bot.Register.FindByNameAsync("community safety partnership", default);
        var partial = await _bot.Register.FindByNameAsync("Thames Gateway", default);
        var none = await _bot.Register.FindByNameAsync("  ", default);

        Assert.Equal(["kp03"], exact.Select(p => p.Id));
        Assert.Equal(["kp04", "kp11", "kp01"], partial.Select(p => p.Id));
        Assert.Empty(none);
    }
}
