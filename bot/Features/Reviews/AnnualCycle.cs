using System.Globalization;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>Kinds, keys and subjects of the annual cycle's due prompts, so planner, handlers and completion agree.</summary>
internal static class AnnualCycle
{
    public const string PromptKind = "annual-prompt";
    public const string ReminderKind = "annual-reminder";
    public const string EscalationKind = "annual-escalation";

    /// <summary>One digest card per person per cycle listing what they owe (issue 17.7), planned for the prompt time.</summary>
    public const string DigestKind = "annual-digest";

    /// <summary>The person's reminder of what is still outstanding: one a day however many partnerships' reminders fall due.</summary>
    public const string ReminderDigestKind = "annual-reminder-digest";

    /// <summary>The PPM's list of overdue reviews: one a day however many partnerships escalate.</summary>
    public const string EscalationDigestKind = "annual-escalation-digest";

    /// <summary>"Remind me in a week": the reminder a person asked for; while it is pending their reminders wait for it.</summary>
    public const string SnoozeKind = "annual-snooze";

    /// <summary>
    /// The prompt of partnerships whose lead officer changed after the cycle's prompt (issue 17.7): one card to the new
    /// lead officer per change (a role holder's change moves several partnerships at one instant), since the yearly
    /// digest went to the one before. Subject: the person's.
    /// </summary>
    public const string NewLeadKind = "annual-new-lead";

    public static string NewLeadKey(string personId, int cycle, DateTimeOffset leadSince) =>
        $"annual-new-lead:{personId}:{cycle.ToString(CultureInfo.InvariantCulture)}:{leadSince.UtcTicks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The instant of the change a <see cref="NewLeadKey"/> names.</summary>
    public static long NewLeadTicks(string key) => long.Parse(key[(key.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    public static string DigestKey(string personId, int cycle) => $"annual-digest:{personId}:{cycle}";

    public static string ReminderDigestKey(string personId, int cycle, DateOnly day) => $"annual-reminder-digest:{personId}:{cycle}:{day:yyyyMMdd}";

    public static string EscalationDigestKey(string ppmId, int cycle, DateOnly day) => $"annual-escalation-digest:{ppmId}:{cycle}:{day:yyyyMMdd}";

    public static string SnoozeKey(string personId, int cycle, DateTimeOffset until) =>
        $"annual-snooze:{personId}:{cycle}:{until.UtcTicks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The subject of a person's prompts in a cycle.</summary>
    public static string PersonSubject(string personId, int cycle) => $"person:{personId}/{cycle.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The subject of a person's snoozes in a cycle (read to hold their reminders).</summary>
    public static string SnoozeSubject(string personId, int cycle) => $"snooze:{personId}/{cycle.ToString(CultureInfo.InvariantCulture)}";

    public static (string PersonId, int Cycle) ParsePersonSubject(string subject)
    {
        var (rest, cycle) = ParseSubject(subject);
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? rest[(colon + 1)..] : rest, cycle);
    }

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
