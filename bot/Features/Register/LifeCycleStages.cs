namespace PartnershipBot.Features.Register;

/// <summary>The life-cycle stages as the councillors' briefing (source 003) describes them, for wherever a stage is shown or chosen.</summary>
internal static class LifeCycleStages
{
    /// <summary>The stages a person can choose (not "not recorded", which only seeded entries start with).</summary>
    public static IReadOnlyList<LifeCycleStage> Choosable { get; } = [.. Enum.GetValues<LifeCycleStage>().Where(s => s != LifeCycleStage.NotRecorded)];

    public static string Title(LifeCycleStage stage) => stage == LifeCycleStage.NotRecorded ? "Not recorded" : stage.ToString();

    /// <summary>The briefing's description of the stage.</summary>
    public static string Description(LifeCycleStage stage) => stage switch
    {
        LifeCycleStage.Forming => "early enthusiasm, exploratory",
        LifeCycleStage.Frustration => "tension, hidden agendas",
        LifeCycleStage.Failing => "disengagement, breakdown",
        LifeCycleStage.Functioning => "focused, clear roles",
        LifeCycleStage.Flying => "achieving goals, trust, shared leadership",
        _ => "not yet recorded by the lead officer or the People and Policy Manager",
    };

    /// <summary>"Forming – early enthusiasm, exploratory".</summary>
    public static string WithDescription(LifeCycleStage stage) => $"{Title(stage)} – {Description(stage)}";
}
