using PartnershipBot.People;

namespace PartnershipBot.Tests.Notifications;

/// <summary>Names, addresses, group members and managers come from Graph.</summary>
public sealed class PeopleDirectoryTests
{
    [Fact]
    public async Task GetPerson_KnownUser_ReturnsNameAndMailFromGraphAndCachesThem()
    {
        await using var bot = await GraphBot.StartAsync();
        var people = bot.Bot.Get<IPeopleDirectory>();

        var first = await people.GetPersonAsync("aad-bob", CancellationToken.None);
        var again = await people.GetPersonAsync("aad-bob", CancellationToken.None);

        Assert.Equal(new Person("aad-bob", "Bob Jones", "bob.jones@council.example"), first);
        Assert.Equal(first, again);
        Assert.Single(bot.Graph.Requests, r => r.Path == "/v1.0/users/aad-bob");
    }

    [Fact]
    public async Task GetPerson_AfterTheCacheDuration_AsksGraphAgain()
    {
        await using var bot = await GraphBot.StartAsync(o => o.Settings["Graph:DirectoryCacheDuration"] = "00:10:00");
        var people = bot.Bot.Get<IPeopleDirectory>();
        await people.GetPersonAsync("aad-bob", CancellationToken.None);
        bot.Graph.AddUser("aad-bob", "Robert Jones", "robert.jones@council.example");

        bot.Time.Advance(TimeSpan.FromMinutes(11));
        var renamed = await people.GetPersonAsync("aad-bob", CancellationToken.None);

        Assert.Equal("Robert Jones", renamed?.DisplayName);
        Assert.Equal(2, bot.Graph.Requests.Count(r => r.Path == "/v1.0/users/aad-bob"));
    }

    [Fact]
    public async Task GetPerson_NoMail_UsesTheUserPrincipalName()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.AddUser("aad-erin", "Erin Hall", mail: null, userPrincipalName: "erin.hall@council.example");

        var erin = await bot.Bot.Get<IPeopleDirectory>().GetPersonAsync("aad-erin", CancellationToken.None);

        Assert.Equal("erin.hall@council.example", erin?.Mail);
    }

    [Fact]
    public async Task GetPerson_UnknownUser_ReturnsNull()
    {
        await using var bot = await GraphBot.StartAsync();

        Assert.Null(await bot.Bot.Get<IPeopleDirectory>().GetPersonAsync("aad-nobody", CancellationToken.None));
    }

    [Fact]
    public async Task GetGroupMemberIds_MembersOverSeveralPages_ReturnsEveryMember()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.PageSize = 2;
        bot.Graph.AddGroup("smt-group", "aad-s1", "aad-s2", "aad-s3", "aad-s4", "aad-s5");

        var members = await bot.Bot.Get<IPeopleDirectory>().GetGroupMemberIdsAsync("smt-group", CancellationToken.None);

        Assert.Equal(["aad-s1", "aad-s2", "aad-s3", "aad-s4", "aad-s5"], members);
        Assert.Equal(3, bot.Graph.Requests.Count(r => r.Path == "/v1.0/groups/smt-group/members"));
    }

    [Fact]
    public async Task GetManager_UserWithManager_ReturnsTheManager()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.SetManager("aad-bob", "aad-carol");

        var manager = await bot.Bot.Get<IPeopleDirectory>().GetManagerAsync("aad-bob", CancellationToken.None);

        Assert.Equal(new Person("aad-carol", "Carol Smith", "carol.smith@council.example"), manager);
    }

    [Fact]
    public async Task GetManager_UserWithoutManager_ReturnsNull()
    {
        await using var bot = await GraphBot.StartAsync();

        Assert.Null(await bot.Bot.Get<IPeopleDirectory>().GetManagerAsync("aad-dave", CancellationToken.None));
        Assert.Single(bot.Graph.Requests, r => r.Path == "/v1.0/users/aad-dave/manager" && r.Status == 404);
    }
}
