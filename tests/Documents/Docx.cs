using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PartnershipBot.Tests.Documents;

/// <summary>Reads a generated .docx back the way Word and a screen reader would see it.</summary>
internal sealed class Docx : IDisposable
{
    private readonly MemoryStream _stream;

    public Docx(byte[] bytes)
    {
        _stream = new MemoryStream(bytes, writable: false);
        Document = WordprocessingDocument.Open(_stream, isEditable: false);
    }

    public WordprocessingDocument Document { get; }

    public Body Body => Document.MainDocumentPart!.Document.Body!;

    /// <summary>Every paragraph's text (line breaks as \n), tables included, in document order.</summary>
    public IReadOnlyList<string> Paragraphs => Body.Descendants<Paragraph>().Select(Text).ToList();

    public string AllText => string.Join("\n", Paragraphs);

    /// <summary>(style id, text) of every paragraph that has a style.</summary>
    public IReadOnlyList<(string Style, string Text)> Styled =>
        Body.Descendants<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is not null)
            .Select(p => (p.ParagraphProperties!.ParagraphStyleId!.Val!.Value!, Text(p))).ToList();

    public IReadOnlyList<string> Headings(int level) => Styled.Where(s => s.Style == "Heading" + level).Select(s => s.Text).ToList();

    /// <summary>Schema and semantic errors as Word's own validator (Office 2019 rules) reports them.</summary>
    public IReadOnlyList<string> ValidationErrors() =>
        new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(Document)
            .Select(e => $"{e.Description} at {e.Path?.XPath} in {e.Part?.Uri}").ToList();

    private static string Text(Paragraph p) =>
        string.Concat(p.Descendants().Select(e => e switch
        {
            Text t => t.Text,
            Break => "\n",
            _ => "",
        }));

    public void Dispose()
    {
        Document.Dispose();
        _stream.Dispose();
    }
}
