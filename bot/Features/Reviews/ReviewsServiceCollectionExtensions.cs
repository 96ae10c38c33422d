using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Reviews;

/// <summary>Registers the annual cycle: its planner and prompt handlers, the Start button and the submit hooks.</summary>
internal static class ReviewsServiceCollectionExtensions
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidator>();
        services.AddSingleton<ISmtMembers, ApprovalsSmtMembers>();
        services.AddSingleton<AnnualCycleMessages>();
        services.AddSingleton<IDuePromptPlanner, AnnualCyclePlanner>();
        services.AddSingleton<IDuePromptHandler, AnnualPromptHandler>();
        services.AddSingleton<IDuePromptHandler, AnnualReminderHandler>();
        services.AddSingleton<IDuePromptHandler, AnnualEscalationHandler>();
        services.AddSingleton<IDuePromptHandler, AnnualDigestHandler>();
        services.AddSingleton<IDuePromptHandler, ReminderDigestHandler>();
        services.AddSingleton<IDuePromptHandler, EscalationDigestHandler>();
        services.AddSingleton<IDuePromptHandler, SnoozeHandler>();
        services.AddSingleton<IDuePromptHandler, NewLeadPromptHandler>();
        services.AddSingleton<AnnualPromptActions>();
        services.AddSingleton<AnnualPromptChecks>();
        services.AddSingleton<AnnualHandOverCards>();
        services.AddSingleton<AnnualReassignment>();
        services.AddSingleton<LeadChangeNotices>();
        services.AddSingleton<Register.ILeadChangeNotices>(sp => sp.GetRequiredService<LeadChangeNotices>());
        services.AddSingleton<ReviewCompletion>();
        services.AddSingleton<IDraftSubmittedHandler, AnnualReturnSubmitted>();
        services.AddSingleton<IDraftSubmittedHandler, ThreeYearReviewSubmitted>();
        services.AddSingleton<ReviewStart>();
        services.AddSingleton<ReviewDecisions>();
        services.AddSingleton<ReviewDecisionMessages>();
        services.AddSingleton<ReviewDecisionHandler>();
        services.AddSingleton<ContingentLiabilities>();
        services.AddSingleton<ReviewProgramme>();
        services.AddSingleton<ReviewProgrammeHandler>();
        services.AddSingleton<IDraftSubmittedHandler, ContingentLiabilitiesSubmitted>();
        return services;
    }
}
