namespace PartnershipBot.Cards.Views;

/// <summary>"help": what this person may do, by role, with the commands they can type.</summary>
internal sealed record HelpView(string? RoleText, IReadOnlyList<HelpSectionView> Sections);

/// <summary>One role's commands.</summary>
internal sealed record HelpSectionView(string Heading, IReadOnlyList<HelpLineView> Lines);

/// <summary>What to type, and what it does.</summary>
internal sealed record HelpLineView(string Typed, string What);
