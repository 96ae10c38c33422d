using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Register;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Audit;

/// <summary>"specific reviews": the A&amp;PM team's specific partnership reviews (4.5), newest first, and a new one opened on any partnership.</summary>
internal sealed class SpecificReviewList(IAuditRecordStore store, IPartnershipRegister register, AuditTeam auditTeam, CardRenderer renderer, TimeProvider time)
{
    private const int MaxRows = 20;

    public async Task CommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await CardAsync(turn, cancellationToken), cancellationToken);

    public Task<JsonObject> MenuAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) => CardAsync(turn, cancellationToken);

    private async Task<JsonObject> CardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!await auditTeam.IsMemberAsync(turn.Caller, cancellationToken))
        {
            return renderer.Render(new ErrorView("Not allowed", SpecificReviews.NotAllowedText));
        }

        var reviews = (await store.SpecificReviewsAsync(null, cancellationToken)).Reverse().ToList();
        var partnerships = (await register.AllAsync(cancellationToken)).Where(p => p.Status is not (PartnershipStatus.Ended or PartnershipStatus.Proposed)).ToList();
        return renderer.Render(new AuditWorkView(
            "Specific partnership reviews",
            "Section 4.5: the Audit & Performance Management team reviews specific partnerships, with input from the lead officer's division; the report goes to the Audit Committee, and the lead officer then reaffirms commitment or recommends disengagement to SMT. Choose a partnership to open a review.",
            false,
            int.Parse(time.GetUtcNow().ToString("yyyy", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            reviews.Count > MaxRows ? $"The latest {MaxRows} of {reviews.Count} reviews are shown." : null,
            reviews.Take(MaxRows).Select(r => new AuditWorkRowView(r.PartnershipName,
                $"Opened {PartnershipBot.Features.Questionnaires.UkDate.Day(r.OpenedAt)} by {r.OpenedByName} · {SpecificReviewCards.StatusText(r)}", r.Id)).ToList(),
            partnerships.Select(p => new ChoiceView(p.Name, p.Id)).ToList()));
    }
}
