namespace PartnershipBot.Cards;

/// <summary>
/// Marks a view field holding text typed by people (answers, names, comments). The start-up check only lets
/// such fields appear where clients show text literally (TextRun text, input values, action data), never in
/// a TextBlock, whose Markdown would turn "[x](http://y)" into a link.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class UserTextAttribute : Attribute;
