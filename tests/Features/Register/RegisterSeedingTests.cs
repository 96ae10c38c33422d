using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Reviews;

namespace PartnershipBot.Tests.Features.Register;

/// <summary>The register is seeded from Appendix 1 exactly once, and never over the PPM's edits.</summary>
public sealed class RegisterSeedingTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FirstRun_SeedsTheSixteenKeyPartnershipsWithTheirRoleHolders()
    {
        await using var bot = await CycleBot.StartAsync(Now);

        var all = await bot.Register.AllAsync(default);

        Assert.Equal(16, all.Count);
        var safety = all.Single(p => p.Id == CycleBot.CommunitySafety);
        Assert.Equal(("Community Safety Partnership", "HCS", CycleBot.Hcs, PartnershipStatus.Active), (safety.Name, safety.LeadRole, safety.LeadOfficerId, safety.Status));
        Assert.Equal(3, all.Count(p => p.LeadRole == "PPM" && p.LeadOfficerId == CycleBot.Ppm));
        // No holder configured for HICS: the entry is seeded without a lead officer rather than skipped.
        Assert.Equal("", all.Single(p => p.Name == "Essex On Line Partnership").LeadOfficerId);
    }

    [Fact]
    public async Task Restart_AfterAnEditAndARemovedRoleHolder_DoesNotReseedAndKeepsTheEdit()
    {
        await using var bot = await CycleBot.StartAsync(Now);
        var safety = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        var edited = await bot.Register.EditAsync(safety.Id, safety.Version,
            [new RegisterEdit.Details("Community Safety Partnership (CSP)", "Reduce crime", ["Essex Police"], PartnershipStatus.UnderReview, null, null, null, null),
             new RegisterEdit.Reassign("aad-eve", "Eve Stone", "HES")],
            CycleBot.Ppm, "Pat", default);
        Assert.Equal(EditOutcome.Saved, edited.Outcome);

        await bot.RestartAsync();
        await bot.RestartAsync();

        var all = await bot.Register.AllAsync(default);
        Assert.Equal(16, all.Count);
        var after = all.Single(p => p.Id == CycleBot.CommunitySafety);
        Assert.Equal(("Community Safety Partnership (CSP)", PartnershipStatus.UnderReview, "aad-eve", "HES", "Eve Stone"),
            (after.Name, after.Status, after.LeadOfficerId, after.LeadRole, after.LeadOfficerName));
        Assert.Equal(edited.Partnership!.Version, after.Version);
    }

    [Fact]
    public async Task SeedOnce_CalledAgain_AddsNothingEvenForDeletedOrNewSeeds()
    {
        await using var bot = await CycleBot.StartAsync(Now);
        var repository = bot.Harness.Get<IPartnershipRepository>();
        var extra = (await repository.FindAsync("kp01", default))! with { Id = "kp99", Name = "Not in Appendix 1" };

        var seededAgain = await repository.SeedOnceAsync([extra], default);

        Assert.False(seededAgain);
        Assert.Null(await repository.FindAsync("kp99", default));
    }

    [Fact]
    public void Parse_ShippedSeedFile_IsAppendix1WordForWord()
    {
        var seeds = KeyPartnershipSeeds.Parse("key-partnerships.json", File.ReadAllText(KeyPartnershipSeeds.DefaultPath), new RegisterOptions(), Now);

        var guidance = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Questionnaires", "Source", "PartnershipGuidance.txt"));
        // The last occurrence of the heading: the first is the table of contents.
        var start = guidance.LastIndexOf("Appendix 1 – Key Partnerships", StringComparison.Ordinal);
        var appendix = guidance[start..guidance.IndexOf("Key:", start, StringComparison.Ordinal)];
        var listed = appendix.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
        Assert.Equal(16, listed.Count);
        Assert.Equal(listed, seeds.Select(s => $"{s.Name} ({s.LeadRole})"));
        Assert.All(seeds, s => Assert.Equal(PartnershipStatus.Active, s.Status));
    }

    [Fact]
    public void Parse_UnknownRoleOrDuplicateId_FailsNamingTheFileAndTheProblems()
    {
        const string json = """{"status":"Active","stage":"Functioning","partnerships":[{"id":"a","name":"One","role":"XYZ"},{"id":"a","name":"Two","role":"CEX"}]}""";

        var error = Assert.Throws<InvalidDataException>(() => KeyPartnershipSeeds.Parse("seeds.json", json, new RegisterOptions(), Now));

        Assert.Contains("seeds.json", error.Message);
        Assert.Contains("'XYZ'", error.Message);
        Assert.Contains("id 'a' is used twice", error.Message);
    }
}
