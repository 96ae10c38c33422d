using System.Globalization;

namespace PartnershipBot.Features.Register;

/// <summary>Pure rules applying an allowed edit to an entry, with its history line.</summary>
internal static class RegisterEditRules
{
    public const int MaxNameLength = 200;
    public const int MaxPurposeLength = 4000;
    public const int MaxAccountableBodyLength = 1000;
    public const int MaxElectedMembers = 30;
    public const int MaxElectedMemberLength = 200;

    /// <summary>The entry after the edit, or an error message when the edit is not valid.</summary>
    public static (Partnership? Updated, string Error) Apply(Partnership current, RegisterEdit edit, string byId, string byName, DateTimeOffset now)
    {
        switch (edit)
        {
            case RegisterEdit.ChangeStage stage:
                if (current.Status == PartnershipStatus.Ended)
                {
                    return (null, "This partnership has ended; its stage can no longer change.");
                }

                return (With(current, current with { Stage = stage.Stage }, $"Stage changed from {LifeCycleStages.Title(current.Stage)} to {LifeCycleStages.Title(stage.Stage)}", byId, byName, now), "");

            case RegisterEdit.Reassign reassign:
                if (string.IsNullOrWhiteSpace(reassign.LeadOfficerId))
                {
                    return (null, "Choose the new lead officer.");
                }

                if (RoleCodes.Normalize(reassign.LeadRole) is not { } role)
                {
                    return (null, $"'{reassign.LeadRole}' is not a lead officer role code.");
                }

                if (reassign.LeadOfficerId.Trim() == current.LeadOfficerId && reassign.LeadOfficerName.Trim() == current.LeadOfficerName && role == current.LeadRole)
                {
                    return (current, "");
                }

                var reassigned = current with
                {
                    LeadOfficerId = reassign.LeadOfficerId.Trim(),
                    LeadOfficerName = reassign.LeadOfficerName.Trim(),
                    LeadRole = role,
                    LeadFollowsRole = false,
                    LeadSince = reassign.LeadOfficerId.Trim() == current.LeadOfficerId ? current.LeadSince : now,
                };
                return (With(current, reassigned, $"Lead officer reassigned ({current.LeadRole} to {role})", byId, byName, now), "");

            case RegisterEdit.HandOver { Record: var handOver }:
                if (current.Status == PartnershipStatus.Ended)
                {
                    return (null, "This partnership has ended.");
                }

                if (handOver.Reason.Length > ReviewHandOvers.MaxReasonLength)
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"The reason is {handOver.Reason.Length:N0} characters; the limit is {ReviewHandOvers.MaxReasonLength:N0}. Nothing was sent: shorten it and send again."));
                }

                var handedOver = current with { HandOvers = [.. current.HandOvers, handOver] };
                if (handOver.Kind == HandOverKind.Reassigned)
                {
                    handedOver = handedOver with
                    {
                        LeadOfficerId = handOver.ToId,
                        LeadOfficerName = handOver.ToName,
                        LeadFollowsRole = false,
                        LeadSince = handOver.ToId == current.LeadOfficerId ? current.LeadSince : now,
                    };
                }

                return (With(current, handedOver, ReviewHandOvers.HistoryText(handOver), byId, byName, now), "");

            case RegisterEdit.Accountability accountability:
                return ApplyAccountability(current, accountability, byId, byName, now);

            case RegisterEdit.End:
                if (current.Status == PartnershipStatus.Ended)
                {
                    return (null, "This partnership has already ended.");
                }

                return (With(current, current.WithStatus(PartnershipStatus.Ended, DateOnly.FromDateTime(now.UtcDateTime)), $"Ended (was {current.Status})", byId, byName, now), "");

            case RegisterEdit.Details details:
                var name = details.Name.Trim();
                if (name.Length == 0)
                {
                    return (null, "Give the partnership's name.");
                }

                if (name.Length > MaxNameLength)
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"The name is {name.Length:N0} characters; the limit is {MaxNameLength:N0}. Nothing was saved: shorten it and save again."));
                }

                if (details.Purpose.Trim().Length > MaxPurposeLength)
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"The purpose is {details.Purpose.Trim().Length:N0} characters; the limit is {MaxPurposeLength:N0}. Nothing was saved: shorten it and save again."));
                }

                var updated = current.WithStatus(details.Status, DateOnly.FromDateTime(now.UtcDateTime)) with
                {
                    Name = name,
                    Purpose = details.Purpose.Trim(),
                    Partners = details.Partners.Select(p => p.Trim()).Where(p => p.Length > 0).ToList(),
                    StartDate = details.StartDate,
                    LastAnnualReturn = details.LastAnnualReturn,
                    LastEffectivenessReview = details.LastEffectivenessReview,
                    LastThreeYearReview = details.LastThreeYearReview,
                    // A start or three-yearly review date entered by hand now says when the next one falls; the
                    // planning card can still move it.
                    PlannedThreeYearCycle = details.StartDate != current.StartDate || details.LastThreeYearReview != current.LastThreeYearReview
                        ? null
                        : current.PlannedThreeYearCycle,
                };
                var changed = ChangedFields(current, updated);
                return changed.Count == 0
                    ? (current, "")
                    : (With(current, updated, "Edited: " + string.Join(", ", changed), byId, byName, now), "");

            default:
                throw new ArgumentOutOfRangeException(nameof(edit), edit.GetType().Name, "Unknown register edit.");
        }
    }

    private static (Partnership? Updated, string Error) ApplyAccountability(Partnership current, RegisterEdit.Accountability edit, string byId, string byName, DateTimeOffset now)
    {
        var body = edit.AccountableBody.Trim();
        var members = edit.ElectedMembers.Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        if (body.Length > MaxAccountableBodyLength)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"The accountable body / reporting line is {body.Length:N0} characters; the limit is {MaxAccountableBodyLength:N0}. Nothing was saved: shorten it and save again."));
        }

        if (members.Count > MaxElectedMembers || members.Any(m => m.Length > MaxElectedMemberLength))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"List at most {MaxElectedMembers} elected members, one per line, each up to {MaxElectedMemberLength} characters. Nothing was saved."));
        }

        var changed = new List<string>();
        if (body != current.AccountableBody) changed.Add("accountable body");
        if (!members.SequenceEqual(current.ElectedMembers)) changed.Add("elected members");
        if (changed.Count == 0)
        {
            return (current, "");
        }

        // The values themselves are kept in AccountabilityHistory; the history line names only what changed.
        var updated = current with
        {
            AccountableBody = body,
            ElectedMembers = members,
            AccountabilityHistory = [.. current.AccountabilityHistory, new AccountabilityRecord(body, members, byId, byName, now)],
        };
        return (With(current, updated, "Edited: " + string.Join(", ", changed), byId, byName, now), "");
    }

    private static Partnership With(Partnership before, Partnership after, string what, string byId, string byName, DateTimeOffset now) =>
        after with { History = [.. before.History, new PartnershipChange(byId, byName, now, what)] };

    private static List<string> ChangedFields(Partnership a, Partnership b)
    {
        var changed = new List<string>();
        if (a.Name != b.Name) changed.Add("name");
        if (a.Purpose != b.Purpose) changed.Add("purpose");
        if (!a.Partners.SequenceEqual(b.Partners)) changed.Add("partners");
        if (a.Status != b.Status) changed.Add($"status {a.Status} to {b.Status}");
        if (a.StartDate != b.StartDate) changed.Add("start date");
        if (a.LastAnnualReturn != b.LastAnnualReturn) changed.Add("last annual return");
        if (a.LastEffectivenessReview != b.LastEffectivenessReview) changed.Add("last effectiveness review");
        if (a.LastThreeYearReview != b.LastThreeYearReview) changed.Add("last three-yearly review");
        return changed;
    }
}
