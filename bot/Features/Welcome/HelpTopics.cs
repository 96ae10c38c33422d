namespace PartnershipBot.Features.Welcome;

/// <summary>Who a help line is for.</summary>
internal enum HelpAudience
{
    Everyone,
    LeadOfficer,
    Ppm,
    Smt,

    /// <summary>The Audit &amp; Performance Management team (4.4-4.6).</summary>
    Apm,
}

/// <summary>One thing a person can type, and what it does.</summary>
internal sealed record HelpTopic(string Typed, string What, HelpAudience Audience);

/// <summary>
/// The typed commands by role, as help lists them. Every command routed in TurnRoutes appears here (a test keeps the
/// two in step), with examples of its arguments where it takes any.
/// </summary>
internal static class HelpTopics
{
    public static IReadOnlyList<HelpTopic> All { get; } =
    [
        new("new partnership", "Propose a new partnership: the Questions for New Partnerships and a risk assessment.", HelpAudience.Everyone),
        new("resume", "Carry on with a draft.", HelpAudience.Everyone),
        new("cancel", "Cancel the draft you have open (it is kept, with every answer).", HelpAudience.Everyone),
        new("reopen", "Edit a proposal sent back for changes and submit it again.", HelpAudience.Everyone),
        new("divisional head <name>", "Name your Divisional Head when the directory has none for you.", HelpAudience.Everyone),
        new("register", "The key partnerships register.", HelpAudience.Everyone),
        new("register role HCS", "The register for one lead officer role (any role code).", HelpAudience.Everyone),
        new("register overdue", "Partnerships whose review is overdue.", HelpAudience.Everyone),
        new("approvals", "Proposals waiting for your decision, oldest first (Divisional Heads, the People and Policy Manager, SMT).", HelpAudience.Everyone),
        new("my proposals", "Your new partnership proposals: where each is and who has still to decide.", HelpAudience.Everyone),
        new("withdraw", "Withdraw your proposal that is waiting for a decision.", HelpAudience.Everyone),
        new("help", "This list.", HelpAudience.Everyone),
        new("my partnerships", "The partnerships you lead, with what is due.", HelpAudience.LeadOfficer),
        new("assess <partnership name>", "The Hallmarks of Effective Partnerships self-assessment of a partnership you lead, or take over or cancel one left idle.", HelpAudience.LeadOfficer),
        new("review programme", "Plan each partnership's three-yearly review cycle.", HelpAudience.Ppm),
        new("audit report", "The Audit Committee report for this year; \"audit report 2027\" for another year.", HelpAudience.Ppm),
        new("outbox", "Notifications that could not be delivered; \"outbox retry <id>\" sends one again.", HelpAudience.Ppm),
        new("backup", "An online backup of the bot's database file, checked and kept on its server.", HelpAudience.Ppm),
        new("assess <partnership name>", "Assess any partnership in the register, or take over or cancel an assessment left idle.", HelpAudience.Ppm),
        new("committee <partnership name>", "Record the Audit Committee's or the Review Committee's comments and recommendations on a partnership, each with an owner and a due date.", HelpAudience.Ppm),
        new("audit report", "The Audit Committee report for this year, with the .xlsx, CSV and Word summary; \"audit report 2027\" for another year.", HelpAudience.Apm),
        new("committee <partnership name>", "Record the Audit Committee's or the Review Committee's comments and recommendations on a partnership, each with an owner and a due date; mark them done.", HelpAudience.Apm),
        new("audit reviews", "Audit a year's annual reviews (section 4.4): each partnership's coverage, worked out by the bot, and your assessment of the review's content; \"audit reviews 2026\" for another year.", HelpAudience.Apm),
        new("specific reviews", "Specific partnership reviews (section 4.5): open one, ask the lead officer's division for input, write the report for the Audit Committee.", HelpAudience.Apm),
        new("register", "Every partnership in the register, with what is due and overdue.", HelpAudience.Apm),
    ];

    /// <summary>The first word(s) of each typed line: the command a router must know.</summary>
    public static string CommandOf(HelpTopic topic)
    {
        var angle = topic.Typed.IndexOf('<', StringComparison.Ordinal);
        return (angle < 0 ? topic.Typed : topic.Typed[..angle]).Trim();
    }

    /// <summary>The topics a person in <paramref name="roles"/> may use, their role's own first.</summary>
    public static IEnumerable<(string Heading, IReadOnlyList<HelpTopic> Topics)> For(CallerRoles roles)
    {
        if (roles.IsPpm)
        {
            yield return ("As the People and Policy Manager", Of(HelpAudience.Ppm));
        }

        if (roles.IsApm)
        {
            yield return ("In the Audit & Performance Management team", Of(HelpAudience.Apm));
        }

        if (roles.IsSmt)
        {
            yield return ("On the Senior Management Team", [new("(no typing needed)", "Approval requests come to you as cards in this chat; decide on the card.", HelpAudience.Smt)]);
        }

        yield return ("As a lead officer", Of(HelpAudience.LeadOfficer));
        yield return ("Everyone", Of(HelpAudience.Everyone));
    }

    private static List<HelpTopic> Of(HelpAudience audience) => All.Where(t => t.Audience == audience).ToList();
}
