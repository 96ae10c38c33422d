namespace PartnershipBot.Cards.Templating;

/// <summary>A template could not be parsed, checked or expanded; the message names the template and the binding.</summary>
internal sealed class CardTemplateException(string message) : Exception(message);
