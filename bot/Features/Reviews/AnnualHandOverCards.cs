using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Reviews;

/// <summary>The cards of the digest's hand-overs (issue 17.7): the forms, the answers, and the chat card that tells someone.</summary>
internal sealed class AnnualHandOverCards(CardRenderer renderer)
{
    public JsonObject NotMineForm(Partnership p, int cycle, string? message, string reason) => renderer.Render(new AnnualHandOverView(
        "Not my partnership",
        $"Tell the People and Policy Manager why {p.Name} is not yours to lead; they will reassign it. Until then you remain its lead officer.",
        p.Id, cycle, p.Version, AskReason: true, AskColleague: false, AskNewLead: false, message, reason));

    public JsonObject DelegateForm(Partnership p, int cycle, string? message) => renderer.Render(new AnnualHandOverView(
        $"Delegate the {cycle} annual review",
        $"Choose the colleague who will complete the annual review of {p.Name}. They get the prompt and may complete the review; you stay accountable for it and keep getting the reminders.",
        p.Id, cycle, p.Version, AskReason: false, AskColleague: true, AskNewLead: false, message));

    /// <summary>The PPM's card after a "not my partnership" (<paramref name="text"/> says why), or again with a problem.</summary>
    public JsonObject ReassignForm(Partnership p, int cycle, int version, string? message, string? text = null) => renderer.Render(new AnnualHandOverView(
        "Not my partnership: reassign the lead officer",
        text ?? $"Choose the new lead officer of {p.Name}: they will be asked for its annual review.",
        p.Id, cycle, version, AskReason: false, AskColleague: false, AskNewLead: true, message));

    public JsonObject Done(string title, string text) =>
        renderer.Render(new AnnualHandOverView(title, text, "", 0, 0, AskReason: false, AskColleague: false, AskNewLead: false, Message: null));

    public JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    /// <summary>A plain card to someone's chat, telling them what changed.</summary>
    public OutboxMessage Tell(string key, string recipientId, string title, string text, DateTimeOffset now) =>
        Chat(key, recipientId, title, Done(title, text), now);

    public static OutboxMessage Chat(string key, string recipientId, string text, JsonObject card, DateTimeOffset now) =>
        OutboxMessage.ChatCard(key, recipientId, text, card, "annual-handover:" + recipientId, now);
}
