using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Register;

/// <summary>
/// "my partnerships", "register [filter]" and the register's card buttons. Who may change what is decided from the
/// activity's aadObjectId (turn.UserId), never from names or ids carried in card data.
/// </summary>
internal sealed partial class RegisterHandler(IPartnershipRegister register, RegisterViews views, CardRenderer renderer, ILogger<RegisterHandler> logger)
{
    public const string ScopeAll = "all";
    public const string ScopeMine = "mine";

    public async Task MyPartnershipsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = await MineAsync(turn.UserId, cancellationToken);
        await turn.SendCardAsync(mine.Count == 0
            ? Error("No partnerships", "You are not the lead officer of any partnership in the register. Type \"register\" to see them all.")
            : MineList(mine, mine, RegisterFilter.None), cancellationToken);
    }

    public async Task RegisterCommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var (filter, error) = RegisterFilter.Parse(arguments);
        await turn.SendCardAsync(error is null ? await ListAsync(filter, cancellationToken) : Error("Unknown filter", error), cancellationToken);
    }

    public Task<JsonObject> MenuRegisterAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        ListAsync(RegisterFilter.None, cancellationToken);

    public async Task<JsonObject> MenuMyPartnershipsAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var mine = await MineAsync(turn.UserId, cancellationToken);
        return mine.Count == 0
            ? Error("No partnerships", "You are not the lead officer of any partnership in the register. Choose Register on the menu to see them all.")
            : MineList(mine, mine, RegisterFilter.None);
    }

    /// <summary>Filter on a list: the same list (the whole register, or the caller's own partnerships) narrowed.</summary>
    public async Task<JsonObject> FilterAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var filter = RegisterFilter.FromCard(action.GetString("statusFilter"), action.GetString("roleFilter"));
        if (action.GetString("scope") != ScopeMine)
        {
            return await ListAsync(filter, cancellationToken);
        }

        // "Mine" is decided from the caller's id here, never from anything in the card.
        var mine = await MineAsync(turn.UserId, cancellationToken);
        return MineList(mine.Where(p => filter.Matches(p, views.DueNext(p))).ToList(), mine, filter);
    }

    /// <summary>A partnership opened from a list, a receipt or a results card comes as a new message; the list stays.</summary>
    public async Task<JsonObject> OpenAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await FindAsync(action, cancellationToken) is { } p ? CardReply.AsNewMessage(renderer.Render(views.Detail(p, turn.UserId))) : NotFound();

    /// <summary>"No, keep it" on the end-partnership confirmation: the entry again, in place of the question.</summary>
    public async Task<JsonObject> KeepAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await FindAsync(action, cancellationToken) is { } p ? renderer.Render(views.Detail(p, turn.UserId)) : NotFound();

    public async Task<JsonObject> ChangeStageAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<LifeCycleStage>(action.GetString("stage"), ignoreCase: true, out var stage) || int.TryParse(action.GetString("stage"), out _)
            || !LifeCycleStages.Choosable.Contains(stage))
        {
            return Error("Choose a stage", "Pick one of Forming, Frustration, Failing, Functioning or Flying.");
        }

        return await EditAsync(turn, action, action.GetInt("version"), [new RegisterEdit.ChangeStage(stage)], cancellationToken);
    }

    public async Task<JsonObject> EditFormAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        return RegisterPermissions.CanEdit(turn.UserId, views.Options) ? renderer.Render(RegisterViews.Edit(p)) : NotAllowed(turn, p);
    }

    public async Task<JsonObject> SaveAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        if (!RegisterPermissions.CanEdit(turn.UserId, views.Options))
        {
            return NotAllowed(turn, p);
        }

        var dates = new Dictionary<string, DateOnly?>();
        foreach (var field in new[] { "startDate", "lastAnnualReturn", "lastEffectivenessReview", "lastThreeYearReview" })
        {
            var text = action.GetString(field)?.Trim() ?? "";
            if (text.Length == 0)
            {
                dates[field] = null;
            }
            else if (Questionnaires.UkDate.TryParse(text, out var date))
            {
                dates[field] = date;
            }
            else
            {
                return CardReply.InPlace(renderer.Render(Typed(RegisterViews.Edit(p, $"\"{CardText.Shorten(text, 40)}\" is not a date: write it as e.g. 31 March 2025 or 31/03/2025."), action)));
            }
        }

        if (!Enum.TryParse<PartnershipStatus>(action.GetString("status"), ignoreCase: true, out var status) || int.TryParse(action.GetString("status"), out _))
        {
            return renderer.Render(Typed(RegisterViews.Edit(p, "Choose a status."), action));
        }

        var details = new RegisterEdit.Details(
            action.GetString("name") ?? "",
            action.GetString("purpose") ?? "",
            Lines(action.GetString("partners") ?? ""),
            status,
            dates["startDate"],
            dates["lastAnnualReturn"],
            dates["lastEffectivenessReview"],
            dates["lastThreeYearReview"]);
        var reassign = new RegisterEdit.Reassign(
            action.GetString("leadOfficerId") is { Length: > 0 } leadId ? leadId : p.LeadOfficerId,
            action.GetString("leadOfficerName") ?? "",
            action.GetString("leadRole") ?? p.LeadRole);
        // A card without the accountability fields (sent before they existed) keeps what is recorded.
        var accountability = new RegisterEdit.Accountability(
            action.GetString("accountableBody") ?? p.AccountableBody,
            action.GetString("electedMembers") is { } members ? Lines(members) : p.ElectedMembers);
        var result = await register.EditAsync(p.Id, action.GetInt("version"), [details, reassign, accountability], turn.UserId, turn.UserName, cancellationToken);
        return result.Outcome == EditOutcome.Invalid
            ? renderer.Render(Typed(RegisterViews.Edit(p, result.Message), action))
            : Outcome(turn, result);
    }

    public async Task<JsonObject> EndAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        return RegisterPermissions.CanEdit(turn.UserId, views.Options)
            ? renderer.Render(ConfirmView.EndPartnership(p.Id, $"{p.Name} will be marked as Ended in the register. It will get no more annual prompts."))
            : NotAllowed(turn, p);
    }

    public Task<JsonObject> EndConfirmAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        EditAsync(turn, action, expectedVersion: null, [new RegisterEdit.End()], cancellationToken);

    private async Task<JsonObject> EditAsync(TurnContext turn, CardAction action, int? expectedVersion, IReadOnlyList<RegisterEdit> edits, CancellationToken cancellationToken)
    {
        if (action.GetString("partnershipId") is not { Length: > 0 and <= 100 } id)
        {
            return NotFound();
        }

        return Outcome(turn, await register.EditAsync(id, expectedVersion, edits, turn.UserId, turn.UserName, cancellationToken));
    }

    private JsonObject Outcome(TurnContext turn, EditResult result) => result.Outcome switch
    {
        EditOutcome.Saved => renderer.Render(views.Detail(result.Partnership!, turn.UserId)),
        EditOutcome.NotAllowed => NotAllowed(turn, result.Partnership!),
        EditOutcome.NotFound => NotFound(),
        EditOutcome.Conflict => Error("Changed meanwhile", "Someone changed this partnership after the card was shown, so nothing was saved. Open it again to see the current entry."),
        _ => Error("Not saved", result.Message),
    };

    private JsonObject NotAllowed(TurnContext turn, Partnership partnership)
    {
        LogRefused(logger, turn.UserId, partnership.Id);
        return Error("Not allowed", "Only the People and Policy Manager can edit, reassign or end a partnership; a lead officer can update the stage of their own partnership. Nothing was changed.");
    }

    private async Task<JsonObject> ListAsync(RegisterFilter filter, CancellationToken cancellationToken)
    {
        var all = await register.AllAsync(cancellationToken);
        var shown = all.Where(p => filter.Matches(p, views.DueNext(p))).ToList();
        return renderer.Render(views.List("Key partnerships", ScopeAll, shown, all.Count, filter));
    }

    /// <summary>The partnerships the caller leads and that have not ended, what is due soonest first.</summary>
    private async Task<List<Partnership>> MineAsync(string userId, CancellationToken cancellationToken) =>
        (await register.AllAsync(cancellationToken))
            .Where(p => RegisterPermissions.IsLeadOfficer(userId, p) && p.Status != PartnershipStatus.Ended)
            .OrderByDescending(p => views.DueNext(p)?.State)
            .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private JsonObject MineList(IReadOnlyList<Partnership> shown, IReadOnlyList<Partnership> mine, RegisterFilter filter) =>
        renderer.Render(views.List("Your partnerships", ScopeMine, shown, mine.Count, filter));

    /// <summary>The edit form again with what was typed, not the stored entry: a refused edit loses nothing.</summary>
    private static PartnershipEditView Typed(PartnershipEditView form, CardAction action) => form with
    {
        Name = action.GetString("name") ?? form.Name,
        Purpose = action.GetString("purpose") ?? form.Purpose,
        PartnersText = action.GetString("partners") ?? form.PartnersText,
        LeadOfficerName = action.GetString("leadOfficerName") ?? form.LeadOfficerName,
        AccountableBody = action.GetString("accountableBody") ?? form.AccountableBody,
        ElectedMembersText = action.GetString("electedMembers") ?? form.ElectedMembersText,
    };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private async Task<Partnership?> FindAsync(CardAction action, CancellationToken cancellationToken) =>
        action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;

    private JsonObject NotFound() => Error("Partnership not found", "That partnership is no longer in the register.");

    private JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    [LoggerMessage(5002, LogLevel.Information, "Register change by {UserId} to {PartnershipId} refused: not allowed")]
    private static partial void LogRefused(ILogger logger, string userId, string partnershipId);
}
