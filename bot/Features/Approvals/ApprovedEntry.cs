using System.Globalization;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Approvals;

/// <summary>What an approved proposal puts in the register, from its frozen answers.</summary>
internal static class ApprovedEntry
{
    public static ApprovedPartnership From(Submission s, Draft draft, DecisionRecord decision)
    {
        string Answer(string step, string field) => draft.AnswerTo(step)?.Value(field) ?? "";
        var start = DateOnly.TryParseExact(Answer("start-date", "startDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : DateOnly.FromDateTime(decision.At.UtcDateTime);
        var partners = Answer("proposed-partners", "partners")
            .Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lead = Answer("lead-officer", "leadOfficer");
        return new ApprovedPartnership(s.Id, s.Title, s.Submitter.Id, lead.Length > 0 ? lead : s.Submitter.Name, "",
            partners, Answer("why-required", "answer"), decision.By.Id, decision.By.Name, start);
    }
}
