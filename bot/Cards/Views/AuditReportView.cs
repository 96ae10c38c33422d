namespace PartnershipBot.Cards.Views;

/// <summary>The Audit Committee report's summary card (4.4): coverage totals and one line per partnership.</summary>
internal sealed record AuditReportView(
    int Year,
    string Title,
    string SummaryText,
    IReadOnlyList<FactView> Totals,
    IReadOnlyList<AuditRowView> Rows,
    string EmailText);

/// <summary>One partnership in the report summary.</summary>
internal sealed record AuditRowView([property: UserText] string Name, string StatusText, string FlagsText);
