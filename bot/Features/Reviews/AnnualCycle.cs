using System.Globalization;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>Kinds, keys and subjects of the annual cycle's due prompts, so planner, handlers and completion agree.</summary>
internal static class AnnualCycle
{
    public const string PromptKind = "annual-prompt";
    public const string ReminderKind = "annual-reminder";
    public const string EscalationKind = "annual-escalation";

    /// <summary>One prompt per partnership per cycle.</summary>
    public static string PromptKey(string partnershipId, int cycle) => $"annual:{partnershipId}:{cycle}";

    public static string ReminderKey(string partnershipId, int cycle, int n) => $"annual-reminder:{partnershipId}:{cycle}:{n}";

    public static string EscalationKey(string partnershipId, int cycle, int n) => $"annual-escalation:{partnershipId}:{cycle}:{n}";

    /// <summary>The subject of a cycle's prompts: the partnership and the cycle, so completing one cycle cancels only its follow-ups.</summary>
    public static string Subject(string partnershipId, int cycle) => $"{partnershipId}/{cycle.ToString(CultureInfo.InvariantCulture)}";

    public static (string PartnershipId, int Cycle) ParseSubject(string subject)
    {
        var slash = subject.LastIndexOf('/');
        return slash > 0 && int.TryParse(subject[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var cycle)
            ? (subject[..slash], cycle)
            : throw new FormatException($"'{subject}' is not a partnership/cycle subject.");
    }

    public static string Title(ReviewKind kind, int cycle) => $"{ReviewSchedule.KindTitle(kind)} {cycle}";
}
