using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Typed dates in the usual UK forms, day before month, and one format on cards (issue 18, item 10).</summary>
public sealed class UkDateTests
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
}
