using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;
using PartnershipBot.Storage;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Turns;

/// <summary>
/// Who the bot acts for (issue 15.4): only Teams (configurable) is served, the Entra object id is the only identity
/// (never from.id), and a user's conversation reference is keyed by tenant + object id and vouched for by a token.
/// </summary>
public sealed class IdentityTests
{
    private const string PpmId = "aad-pat";

    private static Task<BotHarness> StartAsync(Action<HarnessOptions>? configure = null) => BotHarness.StartAsync(o =>
    {
        o.Settings["Register:RoleHolders:PPM"] = PpmId;
        configure?.Invoke(o);
    });

    [Fact]
    public async Task Post_ChannelOtherThanTeams_Returns403NoReplyNothingStoredAndALogLine()
    {
        await using var bot = await StartAsync();
        var mallory = bot.User("Mallory");
        // The test channel key is endorsed for "emulator" too, so the token itself is valid for this channel.
        var activity = mallory.Message("help");
        activity["channelId"] = "emulator";

        using var response = await mallory.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(bot.Connector.Calls);
        Assert.Null(await bot.Get<IConversationReferenceStore>().FindAsync(mallory.AadObjectId, default));
        Assert.Single(bot.Logs.Entries, e => e.EventId == 2102 && e.Message.Contains("emulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ChannelConfiguredAsAllowed_IsServed()
    {
        await using var bot = await StartAsync(o => { o.Settings["Bot:AllowedChannelIds:0"] = "emulator"; o.Settings["Bot:AllowedChannelIds:1"] = "msteams"; });
        var alice = bot.User("Alice");
        var activity = alice.Message("help");
        activity["channelId"] = "emulator";

        using var response = await alice.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("New partnership", (await bot.Connector.NextAsync(alice.ConversationId)).Shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Message_NoAadObjectIdButFromIdOfThePpm_ClearReplyNotActedOnAndPpmReferenceKept()
    {
        await using var bot = await StartAsync();
        var pat = bot.User("Pat", PpmId);
        await pat.SayAsync("help");
        var mallory = bot.User("Mallory");

        // Mallory's own chat, her from.id set to the PPM's object id, no aadObjectId: once treated as the PPM.
        var reply = await mallory.SayAsync("outbox");
        var forged = Impersonating(mallory, mallory.Message("outbox"), PpmId);
        using var response = await mallory.SendAsync(forged);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(TurnPipeline.NoIdentityText, reply.Text);
        Assert.Equal(TurnPipeline.NoIdentityText, (await bot.Connector.NextAsync(mallory.ConversationId)).Text);
        var reference = await bot.Get<IConversationReferenceStore>().FindAsync(PpmId, default);
        Assert.Equal(pat.ConversationId, reference!.ConversationId);
        Assert.Null(await bot.Get<IConversationReferenceStore>().FindAsync("29:" + PpmId, default));
    }

    [Fact]
    public async Task Invoke_NoAadObjectId_CardSaysWhoAreYouAndNothingIsDone()
    {
        await using var bot = await StartAsync();
        var mallory = bot.User("Mallory");
        var invoke = mallory.NewActivity("invoke");
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "menu.new-partnership", ["data"] = new JsonObject { ["verb"] = "menu.new-partnership" } },
            ["trigger"] = "manual",
        };
        using var response = await mallory.SendAsync(Impersonating(mallory, invoke, PpmId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(TurnPipeline.NoIdentityText, CardInspector.AllText(body["value"]!.AsObject()), StringComparison.Ordinal);
        Assert.Empty(await bot.Get<global::PartnershipBot.Features.Journeys.IDraftStore>().ListByOwnerAsync(PpmId, default));
        Assert.Empty(await bot.Get<global::PartnershipBot.Features.Journeys.IDraftStore>().ListByOwnerAsync(mallory.ChannelUserId, default));
    }

    [Fact]
    public async Task Welcome_NoAadObjectId_IsSentAndStoresNoReference()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        // Teams welcomes on the installationUpdate (its conversationUpdate for the same install is not a second welcome).
        var update = alice.NewActivity("installationUpdate");
        update["action"] = "add";
        using var response = await alice.SendAsync(Impersonating(alice, update, alice.AadObjectId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("New partnership", (await bot.Connector.NextAsync(alice.ConversationId)).Shown, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await bot.Get<IConversationReferenceStore>().FindAsync(alice.AadObjectId, default));
    }

    [Fact]
    public async Task Reference_FromAuthenticatedActivity_IsKeyedByTenantAndObjectIdAndVouched()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        await alice.SayAsync("help");

        var reference = await bot.Get<IConversationReferenceStore>().FindAsync(alice.AadObjectId, default);

        Assert.True(reference!.ServiceUrlVouched);
        Assert.Equal(("tenant-contoso", alice.AadObjectId), (reference.TenantId, reference.AadObjectId));
        Assert.Null(await bot.Get<IConversationReferenceStore>().FindAsync(alice.ChannelUserId, default));
    }

    [Fact]
    public async Task ProactiveSend_ReferenceNotVouchedByAToken_IsNotUsedAndNothingIsSent()
    {
        await using var bot = await StartAsync();
        var references = bot.Get<IConversationReferenceStore>();
        // As kept by development mode or before references recorded it: a service URL no channel token named.
        await references.SaveAsync(new ConversationReference("29:aad-sam", "aad-sam", "Sam", bot.Connector.BaseUrl + "/", "a:personal-aad-sam",
            "tenant-contoso", "msteams", null, null, ServiceUrlVouched: false), default);

        var sent = await bot.Get<ProactiveMessenger>().SendCardAsync("aad-sam", new JsonObject { ["type"] = "AdaptiveCard" }, "hi", default);

        Assert.Null(sent);
        Assert.Empty(bot.Connector.Calls);
    }

    [Fact]
    public async Task FindReference_SameObjectIdInTwoTenants_IsNoneRatherThanEitherGuess()
    {
        await using var bot = await StartAsync();
        var references = bot.Get<IConversationReferenceStore>();
        foreach (var tenant in new[] { "tenant-contoso", "tenant-other" })
        {
            await references.SaveAsync(new ConversationReference("29:x", "aad-x", "X", bot.Connector.BaseUrl + "/", "a:" + tenant,
                tenant, "msteams", null, null, ServiceUrlVouched: true), default);
        }

        Assert.Null(await references.FindAsync("aad-x", default));
        Assert.Equal(LiteDbConversationReferenceStore.KeyOf("Tenant-Contoso", "AAD-X"), LiteDbConversationReferenceStore.KeyOf("tenant-contoso", "aad-x"));
    }

    /// <summary>The activity with from.id set to <paramref name="fromId"/> and no aadObjectId.</summary>
    private static JsonObject Impersonating(TeamsUser sender, JsonObject activity, string fromId)
    {
        activity["from"] = new JsonObject { ["id"] = fromId, ["name"] = sender.Name };
        return activity;
    }
}
