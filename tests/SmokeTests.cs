namespace PartnershipBot.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_Skeleton_Compiles() => Assert.True(true);
}
