using System.Text.RegularExpressions;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Typed dates in the usual UK forms, day before month, and one format on cards (issue 18, item 10).</summary>
public sealed partial class UkDateTests
{
    [Theory]
    [InlineData("1 April 2027")]
    [InlineData("1 Apr 2027")]
    [InlineData("1st April 2027")]
    [InlineData("1st April, 2027")]
    [InlineData("01/04/2027")]
    [InlineData("1/4/2027")]
    [InlineData("1/4/27")]
    [InlineData("1.4.2027")]
    [InlineData("2027-04-01")]
    [InlineData("  1  april  2027 ")]
    public void TryParse_UsualUkForms_AreFirstOfApril(string typed)
    {
        Assert.True(UkDate.TryParse(typed, out var date));
        Assert.Equal(new DateOnly(2027, 4, 1), date);
    }

    [Theory]
    [InlineData("31/02/2027")]
    [InlineData("13/13/2027")]
    [InlineData("April")]
    [InlineData("")]
    public void TryParse_NotADate_IsRefused(string typed) => Assert.False(UkDate.TryParse(typed, out _));

    [Fact]
    public void Format_IsDayMonthNameYear() => Assert.Equal("4 January 2012", UkDate.Format(new DateOnly(2012, 1, 4)));

    [Fact]
    public void Format_MomentInSummer_IsUkTimeWithDayMonthNameYear() =>
        Assert.Equal("1 July 2027, 06:55", UkDate.Format(new DateTimeOffset(2027, 7, 1, 5, 55, 0, TimeSpan.Zero)));

    [Fact]
    public void Format_MomentInWinter_IsGmt() =>
        Assert.Equal("3 December 2026, 06:55", UkDate.Format(new DateTimeOffset(2026, 12, 3, 6, 55, 0, TimeSpan.Zero)));

    [Fact]
    public void Day_HalfPastMidnightBst_IsTheUkDay() =>
        Assert.Equal("1 April 2027", UkDate.Day(new DateTimeOffset(2027, 3, 31, 23, 30, 0, TimeSpan.Zero)));

    /// <summary>
    /// One formatter: no human-readable date format string anywhere in the bot but UkDate (ISO "yyyy-MM-dd" stays for
    /// stored values, keys and Input.Date). The tab's SVG chart legend is another feature's and not a card.
    /// </summary>
    [Fact]
    public void DateFormats_EverywhereInTheBot_GoThroughUkDate()
    {
        var bot = Path.Combine(RepoRoot.Find(), "bot");
        var offenders = Directory.EnumerateFiles(bot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("UkDate.cs" or "HallmarkSvgCharts.cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(bot, f), Line: i + 1, Text: line)))
            .Where(l => HumanDateFormat().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Format dates with UkDate.Format / UkDate.Day:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"""[^""]*(MMM|dd?/MM?)[^""]*""|\{[^}]+:d+ MMM")]
    private static partial Regex HumanDateFormat();
}
