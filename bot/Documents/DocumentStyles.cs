using DocumentFormat.OpenXml.Wordprocessing;

namespace PartnershipBot.Documents;

/// <summary>
/// The styles of a council paper: Normal, Title, Heading 1-3 (with outline levels, so Word's navigation pane and
/// screen readers see the structure) and a bordered table style. Sizes in half-points.
/// </summary>
internal static class DocumentStyles
{
    public static Styles Build(string font, string language) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = font, HighAnsi = font, ComplexScript = font, EastAsia = font },
                new FontSize { Val = "22" },
                new Languages { Val = language, EastAsia = language, Bidi = language })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        Paragraph("Title", "Title", size: 40, outline: null, spaceBefore: 0),
        Paragraph("Heading1", "heading 1", size: 32, outline: 0, spaceBefore: 360),
        Paragraph("Heading2", "heading 2", size: 28, outline: 1, spaceBefore: 240),
        Paragraph("Heading3", "heading 3", size: 24, outline: 2, spaceBefore: 200),
        new Style(
            new StyleName { Val = "Table Grid" },
            new BasedOn { Val = "TableNormal" },
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U, Color = "595959" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U, Color = "595959" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U, Color = "595959" },
                    new RightBorder { Val = BorderValues.Single, Size = 4U, Color = "595959" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Color = "595959" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Color = "595959" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableGrid" },
        new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(),
            new StyleTableProperties(new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa }))
        { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });

    private static Style Paragraph(string id, string name, int size, int? outline, int spaceBefore)
    {
        var paragraph = new StyleParagraphProperties(
            new KeepNext(),
            new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "120" });
        if (outline is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}
