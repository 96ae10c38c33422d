using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.Register;

/// <summary>A register filter typed ("register active", "register overdue", "register role HCS") or chosen on the card.</summary>
internal sealed record RegisterFilter(PartnershipStatus? Status, bool OverdueOnly, string? Role)
{
    public const string All = "all";
    public const string Overdue = "overdue";

    public static RegisterFilter None { get; } = new(null, false, null);

    /// <summary>Reads the words after "register"; unknown words are ignored (null Error) or reported.</summary>
    public static (RegisterFilter Filter, string? Error) Parse(string arguments)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var filter = None;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            if (word == "role" && i + 1 < words.Length)
            {
                if (RoleCodes.Normalize(words[++i]) is not { } role)
                {
                    return (filter, $"'{words[i]}' is not a role code. Use one of {string.Join(", ", RoleCodes.All.Select(r => r.Code))}.");
                }

                filter = filter with { Role = role };
            }
            else if (word == Overdue)
            {
                filter = filter with { OverdueOnly = true };
            }
            else if (word == "under" && i + 1 < words.Length && words[i + 1].Equals("review", StringComparison.OrdinalIgnoreCase))
            {
                i++;
                filter = filter with { Status = PartnershipStatus.UnderReview };
            }
            else if (Enum.TryParse<PartnershipStatus>(word, ignoreCase: true, out var status) && !int.TryParse(word, out _))
            {
                filter = filter with { Status = status };
            }
            else if (RoleCodes.Normalize(word) is { } bareRole)
            {
                filter = filter with { Role = bareRole };
            }
            else
            {
                return (filter, $"I don't know the filter '{words[i]}'. Try \"register active\", \"register overdue\" or \"register role HCS\".");
            }
        }

        return (filter, null);
    }

    /// <summary>From the card's two choice inputs.</summary>
    public static RegisterFilter FromCard(string? status, string? role) => new(
        Enum.TryParse<PartnershipStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _) ? s : null,
        string.Equals(status, Overdue, StringComparison.OrdinalIgnoreCase),
        role is null ? null : RoleCodes.Normalize(role));

    public bool Matches(Partnership partnership, DueItem? due) =>
        (Status is not { } status || partnership.Status == status)
        && (!OverdueOnly || due?.State == DueState.Overdue)
        && (Role is not { } role || string.Equals(partnership.LeadRole, role, StringComparison.OrdinalIgnoreCase));

    public string Describe()
    {
        var parts = new List<string>();
        if (Status is { } status) parts.Add("status " + status);
        if (OverdueOnly) parts.Add("overdue reviews");
        if (Role is { } role) parts.Add("lead officer role " + role);
        return parts.Count == 0 ? "no filter" : string.Join(", ", parts);
    }

    /// <summary>The value the card's status choice shows for this filter.</summary>
    public string StatusChoice => OverdueOnly ? Overdue : Status?.ToString() ?? All;
}
