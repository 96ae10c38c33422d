namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Reads question wording straight from the council's Partnership Guidance (a copy of seed 004).</summary>
internal static class GuidanceSource
{
    private const string Appendix2Heading = "Appendix 2 – Hallmarks of Effective Partnerships";
    private const string Appendix3Heading = "Appendix 3 – Questions for New Partnerships";

    private static readonly string[] Lines = File.ReadAllLines(
        Path.Combine(AppContext.BaseDirectory, "Features", "Questionnaires", "Source", "PartnershipGuidance.txt"));

    /// <summary>The Appendix 3 bullet points, in order.</summary>
    public static IReadOnlyList<string> Appendix3Questions() =>
        Lines.SkipWhile(l => l.Trim() != Appendix3Heading).Skip(1)
            .TakeWhile(l => !l.StartsWith("Before entering", StringComparison.Ordinal))
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .ToList();

    /// <summary>Every numbered Appendix 2 line with the heading it sits under, as printed.</summary>
    public static IReadOnlyList<(string Heading, int Number, string Text)> Appendix2Items()
    {
        var items = new List<(string, int, string)>();
        var heading = "";
        foreach (var line in Lines.SkipWhile(l => l.Trim() != Appendix2Heading).Skip(1).TakeWhile(l => l.Trim() != Appendix3Heading))
        {
            var text = line.Trim();
            var dot = text.IndexOf(". ", StringComparison.Ordinal);
            if (dot > 0 && int.TryParse(text[..dot], out var number))
            {
                items.Add((heading, number, text[(dot + 2)..].Trim()));
            }
            else if (text.Length > 0)
            {
                heading = text;
            }
        }

        return items;
    }
}
