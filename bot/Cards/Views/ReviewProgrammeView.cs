namespace PartnershipBot.Cards.Views;

/// <summary>The PPM's planning card of the rolling three-yearly programme (3.4): a cycle choice per Active partnership.</summary>
internal sealed record ReviewProgrammeView(string PerCycleText, [property: UserText] string? Message, IReadOnlyList<ProgrammeRowView> Rows);

/// <summary>One partnership's planned three-yearly cycle, as a choice whose input id names the partnership.</summary>
internal sealed record ProgrammeRowView([property: UserText] string Name, string InputId, string Label, string Cycle, IReadOnlyList<ChoiceView> Choices);
