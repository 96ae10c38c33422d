using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Drawing = DocumentFormat.OpenXml.Drawing;
using DrawingPictures = DocumentFormat.OpenXml.Drawing.Pictures;
using DrawingWord = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace PartnershipBot.Documents;

/// <summary>
/// Builds one accessible .docx: real Title and Heading 1-3 styles, tables with repeated header rows, images with alt
/// text, document title and language en-GB. Every piece of text goes in as a plain text run (never a field or markup),
/// so an officer's answer can never become a formula, a hyperlink or a macro.
/// </summary>
internal sealed class WordDocument
{
    /// <summary>The MIME type of a .docx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Language = "en-GB";
    private const string Font = "Arial";

    // Page text width of A4 with 2 cm margins, in twentieths of a point and in EMUs (for images).
    private const int TextWidthTwips = 9638;
    private const long TextWidthEmu = TextWidthTwips * 635L;

    private readonly string _title;
    private readonly List<OpenXmlElement> _body = [];
    private readonly List<(string RelationshipId, byte[] Png)> _images = [];

    public WordDocument(string title)
    {
        _title = title;
        _body.Add(StyledParagraph("Title", title));
    }

    public WordDocument Heading(int level, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        _body.Add(StyledParagraph("Heading" + level, text));
        return this;
    }

    public WordDocument Paragraph(string text)
    {
        _body.Add(StyledParagraph(null, text));
        return this;
    }

    /// <summary>A paragraph with a bold label before the text, e.g. "Lead officer: Jo Bloggs".</summary>
    public WordDocument Labelled(string label, string text)
    {
        var paragraph = new Paragraph(TextRun(label + ": ", bold: true));
        paragraph.Append(TextRuns(text));
        _body.Add(paragraph);
        return this;
    }

    /// <summary>A table whose first row is a header row, repeated on every page.</summary>
    public WordDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var width = TextWidthTwips / headers.Count;
        var table = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableLook { FirstRow = true, NoHorizontalBand = true, NoVerticalBand = true, Val = "0420" }));
        table.Append(new TableGrid(headers.Select(_ => new GridColumn { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(headers, header: true, width));
        foreach (var row in rows)
        {
            table.Append(Row(row, header: false, width));
        }

        _body.Add(table);
        // Word needs a paragraph between two tables, and one after a table that ends the document.
        _body.Add(new Paragraph());
        return this;
    }

    /// <summary>A PNG at the full text width, with its alt text for screen readers.</summary>
    public WordDocument Image(byte[] png, int pixelWidth, int pixelHeight, string altText)
    {
        var relationshipId = "rIdImage" + (_images.Count + 1);
        _images.Add((relationshipId, png));
        var height = TextWidthEmu * pixelHeight / pixelWidth;
        _body.Add(new Paragraph(new Run(InlineImage(relationshipId, _images.Count, TextWidthEmu, height, altText))));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = Clean(_title);
            document.PackageProperties.Language = Language;
            document.PackageProperties.Creator = "PartnershipBot";

            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = DocumentStyles.Build(Font, Language);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new ThemeFontLanguages { Val = Language });

            foreach (var (id, png) in _images)
            {
                var part = main.AddImagePart(ImagePartType.Png, id);
                using var image = new MemoryStream(png);
                part.FeedData(image);
            }

            var body = new Body(_body.Select(e => e.CloneNode(true)));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private const int ShortRowCharacters = 600;

    private static TableRow Row(IReadOnlyList<string> cells, bool header, int width)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }
        else if (cells.All(c => c.Length <= ShortRowCharacters))
        {
            // A short row is kept on one page (a split leaves an empty-looking stub); long answers still flow over pages.
            row.Append(new TableRowProperties(new CantSplit()));
        }

        foreach (var cell in cells)
        {
            var paragraph = new Paragraph();
            paragraph.Append(TextRuns(cell, bold: header));
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                paragraph));
        }

        return row;
    }

    private static Paragraph StyledParagraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(TextRuns(text));
        return paragraph;
    }

    /// <summary>Text as runs, one line break per newline; long words wrap because Word breaks any run at the margin.</summary>
    private static IEnumerable<Run> TextRuns(string text, bool bold = false)
    {
        var lines = Clean(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            yield return TextRun(lines[i], bold, breakBefore: i > 0);
        }
    }

    private static Run TextRun(string text, bool bold, bool breakBefore = false)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        if (breakBefore)
        {
            run.Append(new Break());
        }

        run.Append(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    /// <summary>Drops characters XML 1.0 cannot hold (control characters, lone surrogates): they would make Word refuse the file.</summary>
    internal static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Drawing.Graphic Picture(string relationshipId, uint id, long width, long height) =>
        new(new Drawing.GraphicData(
            new DrawingPictures.Picture(
                new DrawingPictures.NonVisualPictureProperties(
                    new DrawingPictures.NonVisualDrawingProperties { Id = id, Name = $"chart{id}.png" },
                    new DrawingPictures.NonVisualPictureDrawingProperties()),
                new DrawingPictures.BlipFill(
                    new Drawing.Blip { Embed = relationshipId },
                    new Drawing.Stretch(new Drawing.FillRectangle())),
                new DrawingPictures.ShapeProperties(
                    new Drawing.Transform2D(new Drawing.Offset { X = 0, Y = 0 }, new Drawing.Extents { Cx = width, Cy = height }),
                    new Drawing.PresetGeometry(new Drawing.AdjustValueList()) { Preset = Drawing.ShapeTypeValues.Rectangle })))
        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });

    private static DocumentFormat.OpenXml.Wordprocessing.Drawing InlineImage(string relationshipId, int index, long width, long height, string altText) =>
        new(new DrawingWord.Inline(
            new DrawingWord.Extent { Cx = width, Cy = height },
            new DrawingWord.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DrawingWord.DocProperties { Id = (uint)index, Name = $"Chart {index}", Description = Clean(altText) },
            new DrawingWord.NonVisualGraphicFrameDrawingProperties(new Drawing.GraphicFrameLocks { NoChangeAspect = true }),
            Picture(relationshipId, (uint)index, width, height))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
}
