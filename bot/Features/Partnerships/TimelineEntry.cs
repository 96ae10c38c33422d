namespace PartnershipBot.Features.Partnerships;

/// <summary>One dated event in a partnership's life, as the tab's timeline shows it (kind: proposal, approval, review, assessment, change).</summary>
internal sealed record TimelineEntry(DateTimeOffset At, string Kind, string Text);
