using System.Globalization;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// What an approved proposal puts in the register, from its frozen answers. The lead officer is typed as text (prefilled
/// with the submitter's name): the entry links the submitter's id only when the answer names them, and a role code only
/// when the answer names an Appendix 1 role; otherwise these stay empty for the PPM to set in the register.
/// </summary>
internal static class ApprovedEntry
{
    public static ApprovedPartnership From(Submission s, Draft draft, DecisionRecord decision)
    {
        string Answer(string step, string field) => draft.AnswerTo(step)?.Value(field)?.Trim() ?? "";
        var start = DateOnly.TryParseExact(Answer("start-date", "startDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : DateOnly.FromDateTime(decision.At.UtcDateTime);
        var partners = PartnersAnswer(draft)
            .Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lead = Answer("lead-officer", "leadOfficer");
        var leadIsSubmitter = lead.Length == 0 || Same(lead, s.Submitter.Name) || Same(lead, draft.OwnerName);
        return new ApprovedPartnership(s.Id, s.Title,
            leadIsSubmitter ? s.Submitter.Id : "",
            leadIsSubmitter ? s.Submitter.Name : lead,
            RoleNamedIn(lead),
            partners, Answer("why-required", "answer"), decision.By.Id, decision.By.Name, start);
    }

    /// <summary>
    /// Who the partners are: the Appendix 3 answer ("Who are the main potential partners?"), or for a proposal answered
    /// before that was the only place it is asked (questionnaire version 1), the details step's "Proposed partners".
    /// </summary>
    public static string PartnersAnswer(Draft draft) =>
        new[] { draft.AnswerTo("main-partners")?.Value("answer"), draft.AnswerTo("proposed-partners")?.Value("partners") }
            .FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))?.Trim() ?? "";

    /// <summary>The role code when the answer is a code ("HCS") or contains a role's title ("Head of Community Services"), else "".</summary>
    public static string RoleNamedIn(string answer) =>
        RoleCodes.Normalize(answer)
        ?? RoleCodes.All.FirstOrDefault(r => answer.Contains(r.Title, StringComparison.OrdinalIgnoreCase)).Code
        ?? "";

    private static bool Same(string a, string b) => string.Equals(a, b.Trim(), StringComparison.OrdinalIgnoreCase);
}
