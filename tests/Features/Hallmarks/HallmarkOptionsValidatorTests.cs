using PartnershipBot.Features.Hallmarks;

namespace PartnershipBot.Tests.Features.Hallmarks;

public sealed class HallmarkOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new HallmarkOptionsValidator().Validate(null, new HallmarkOptions()).Succeeded);

    [Fact]
    public void Validate_DevelopingNotBelowStrong_FailsNamingBothSettings()
    {
        var result = new HallmarkOptionsValidator().Validate(null, new HallmarkOptions { StrongFrom = 50, DevelopingFrom = 60 });

        Assert.True(result.Failed);
        Assert.Contains("Hallmarks:DevelopingFrom", result.FailureMessage);
        Assert.Contains("Hallmarks:StrongFrom", result.FailureMessage);
    }

    [Fact]
    public void Validate_StrongOver100_FailsNamingTheSetting()
    {
        var result = new HallmarkOptionsValidator().Validate(null, new HallmarkOptions { StrongFrom = 120 });

        Assert.True(result.Failed);
        Assert.Contains("Hallmarks:StrongFrom", result.FailureMessage);
    }

    [Theory]
    [InlineData("00:30:00")]
    [InlineData("400.00:00:00")]
    public void Validate_IdleAfterOutOfRange_FailsNamingTheSetting(string idleAfter)
    {
        var result = new HallmarkOptionsValidator().Validate(null, new HallmarkOptions { IdleAfter = TimeSpan.Parse(idleAfter, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("Hallmarks:IdleAfter", result.FailureMessage);
    }
}
