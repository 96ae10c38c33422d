using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Approvals;

/// <summary>Registers the approval of new partnerships.</summary>
internal static class ApprovalRegistration
{
    public static IServiceCollection AddApprovals(this IServiceCollection services)
    {
        services.AddOptions<ApprovalsOptions>().BindConfiguration(ApprovalsOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalsOptions>, ApprovalsOptionsValidator>();
        services.AddSingleton<ApprovalCards>();
        services.AddSingleton<ApprovalNames>();
        services.AddSingleton<ApprovalNotifications>();
        services.AddSingleton<ApprovalHandler>();
        services.AddSingleton<DivisionalHeads>();
        services.AddSingleton<ProposalQueries>();
        services.AddSingleton<Notifications.IChatCardContent, ApprovalCardContent>();
        services.AddSingleton<ProposalHandler>();
        services.AddSingleton<ProposalLists>();
        services.AddSingleton<ProposalWithdrawal>();
        services.AddSingleton<DecisionDueDate>();
        services.AddSingleton<ApprovalReassignment>();
        services.AddSingleton<IDuePromptHandler, DecisionOverdueHandler>();
        services.AddSingleton<ReopenProposal>();
        services.AddSingleton<ApprovalCardUpdates>();
        services.AddSingleton<Documents.Downloads.IDocumentSource, ProposalDocumentSource>();
        services.AddSingleton<IDuePromptHandler, ApprovalReminderHandler>();
        services.AddHostedService(sp => sp.GetRequiredService<ApprovalCardUpdates>());

        // The approval route replaces the journey's plain "submitted" confirmation for new partnerships.
        services.RemoveAll<IDraftSubmittedHandler>(typeof(NewPartnershipSubmitted));
        services.AddSingleton<IDraftSubmittedHandler>(sp => sp.GetRequiredService<ApprovalHandler>());
        return services;
    }

    private static void RemoveAll<T>(this IServiceCollection services, Type implementation)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(T) && d.ImplementationType == implementation).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
