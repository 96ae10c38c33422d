using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>Starting an assessment as officers do: "assess …" shows the introduction, and Start begins it.</summary>
internal static class HallmarkDialogue
{
    /// <summary>Types <paramref name="text"/>, expects the introduction (nothing started yet) and presses Start: the first question.</summary>
    public static async Task<JsonObject> AssessAsync(this TeamsUser user, string text) =>
        await user.StartFromIntroAsync((await user.SayAsync(text)).Card!);

    /// <summary>Presses Start on the introduction card.</summary>
    public static async Task<JsonObject> StartFromIntroAsync(this TeamsUser user, JsonObject intro)
    {
        Assert.Equal(["Start", "Cancel"], CardInspector.ButtonTitles(intro));
        return await user.ClickAsync(intro, "Start");
    }
}
