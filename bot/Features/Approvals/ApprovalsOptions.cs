namespace PartnershipBot.Features.Approvals;

/// <summary>Who approves new partnerships and how (section "Approvals"); the PPM is Register:RoleHolders:PPM.</summary>
internal sealed class ApprovalsOptions
{
    public const string Section = "Approvals";

    /// <summary>Entra group whose members are SMT (read through the people directory when Graph is configured).</summary>
    public string SmtGroupId { get; set; } = "";

    /// <summary>SMT members' Entra object ids, used as well as (or instead of) the group.</summary>
    public List<string> SmtUserIds { get; set; } = [];

    /// <summary>AnyOne: one SMT member's decision is final. All: every SMT member must approve.</summary>
    public ApprovalRule Rule { get; set; } = ApprovalRule.AnyOne;

    /// <summary>Whether the submitter's Divisional Head endorses a proposal before it goes to SMT (guidance section 4.1).</summary>
    public bool DivisionalHeadStage { get; set; } = true;

    /// <summary>
    /// Whether a proposal with a section 3.1 self-check rated "Not met" cannot be approved at all (true) or only with a
    /// comment confirming the approval despite it (false, the default; the comment is kept with the decision).
    /// </summary>
    public bool BlockApprovalWhenNotMet { get; set; }

    /// <summary>Days after a submission before approvers are reminded.</summary>
    public int ReminderAfterDays { get; set; } = 5;

    /// <summary>Days between further reminders until decided.</summary>
    public int ReminderEveryDays { get; set; } = 5;

    /// <summary>Days after the date the submitter needs a decision by before the PPM is told it is overdue (once); 0 = on the day after.</summary>
    public int EscalateAfterDaysOverdue { get; set; } = 1;
}

/// <summary>How many SMT approvals a proposal needs.</summary>
internal enum ApprovalRule
{
    AnyOne,
    All,
}
