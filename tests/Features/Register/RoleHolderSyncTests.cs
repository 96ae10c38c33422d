using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Reviews;

namespace PartnershipBot.Tests.Features.Register;

/// <summary>Seeded key partnerships follow the configured holder of their role until someone reassigns a person.</summary>
public sealed class RoleHolderSyncTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Restart_RoleHoldersConfiguredOrChangedAfterTheFirstRun_SeededEntriesFollowThemButNotAReassignedOne()
    {
        await using var bot = await CycleBot.StartAsync(Now);
        var safety = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        var other = (await bot.Register.AllAsync(default)).First(p => p.LeadRole == "HCS" && p.Id != safety.Id);
        var reassigned = await bot.Register.EditAsync(other.Id, other.Version, [new RegisterEdit.Reassign("aad-eve", "Eve Stone", "HCS")], CycleBot.Ppm, "Pat", default);
        Assert.Equal(EditOutcome.Saved, reassigned.Outcome);

        bot.Harness.Options.Settings["Register:RoleHolders:HCS"] = "aad-new-hcs";
        bot.Harness.Options.Settings["Register:RoleHolders:HICS"] = "aad-ivy";
        await bot.RestartAsync();
        await bot.RestartAsync();

        var all = await bot.Register.AllAsync(default);
        var followed = all.Single(p => p.Id == safety.Id);
        Assert.Equal("aad-new-hcs", followed.LeadOfficerId);
        Assert.Single(followed.History, h => h.What == "Lead officer follows the configured holder of HCS");
        Assert.Equal("aad-ivy", all.Single(p => p.Name == "Essex On Line Partnership").LeadOfficerId);
        Assert.Equal("aad-eve", all.Single(p => p.Id == other.Id).LeadOfficerId);
        Assert.Contains(bot.Harness.Logs.Entries, e => e.EventId == 5003);
    }

    [Fact]
    public async Task Start_RoleWithNoHolder_SaysWhichSettingIsMissing()
    {
        await using var bot = await CycleBot.StartAsync(Now);

        var warning = Assert.Single(bot.Harness.Logs.Entries, e => e.EventId == 5004);
        Assert.Contains("Register:RoleHolders:HICS", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Register:RoleHolders:HCS", warning.Message, StringComparison.Ordinal);
    }
}
