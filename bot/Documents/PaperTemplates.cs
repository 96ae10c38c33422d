using System.Text.Json;

namespace PartnershipBot.Documents;

/// <summary>The wording of one kind of paper: its title, who it is for, and the headings of its fixed parts.</summary>
internal sealed record PaperTemplate(string Title, string Audience, string Summary, string Decisions);

/// <summary>The papers of Documents/Papers/papers.json, read and checked once at start.</summary>
internal sealed class PaperTemplates
{
    public const string Proposal = "proposal";
    public const string Review = "review";
    public const string AuditCommittee = "auditCommittee";
    public const string SpecificReview = "specificReview";

    private static readonly string[] Required = [Proposal, Review, AuditCommittee, SpecificReview];
    private readonly IReadOnlyDictionary<string, PaperTemplate> _papers;

    public PaperTemplates(IReadOnlyDictionary<string, PaperTemplate> papers)
    {
        foreach (var name in Required)
        {
            if (!papers.TryGetValue(name, out var paper))
            {
                throw new InvalidOperationException($"Documents/Papers/papers.json has no \"{name}\" paper.");
            }

            if (new[] { paper.Title, paper.Audience, paper.Summary, paper.Decisions }.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidOperationException($"Documents/Papers/papers.json: the \"{name}\" paper needs a title, audience, summary and decisions.");
            }
        }

        _papers = papers;
    }

    public PaperTemplate this[string name] => _papers[name];

    public static PaperTemplates Load(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonDocument.Parse(stream);
        var papers = new Dictionary<string, PaperTemplate>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith("//", StringComparison.Ordinal)))
        {
            papers[property.Name] = new PaperTemplate(
                Text(property.Value, "title"), Text(property.Value, "audience"), Text(property.Value, "summary"), Text(property.Value, "decisions"));
        }

        return new PaperTemplates(papers);
    }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Documents", "Papers", "papers.json");

    private static string Text(JsonElement paper, string name) =>
        paper.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>A new paper with the template's title (and subject) and audience line.</summary>
    public WordDocument Start(string name, string subject)
    {
        var paper = this[name];
        var document = new WordDocument(subject.Length == 0 ? paper.Title : $"{paper.Title}: {subject}");
        document.Paragraph(paper.Audience);
        return document;
    }
}
