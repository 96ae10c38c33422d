using Microsoft.Extensions.Options;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Hosting;

/// <summary>
/// Says once, at start and at Warning, what this instance will not do because of how it is configured, so a
/// newcomer (or an operator) sees it in the first lines of the log instead of discovering it later.
/// </summary>
internal sealed partial class StartupReport(
    IOptions<BotOptions> bot,
    GraphAccess graph,
    IOptions<RegisterOptions> register,
    IOptions<ApprovalsOptions> approvals,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in Warnings(bot.Value, graph.IsConfigured, register.Value, approvals.Value))
        {
            LogWarning(logger, warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The start-up warnings for a configuration; pure, so each case is tested directly.</summary>
    public static IEnumerable<string> Warnings(BotOptions bot, bool graphConfigured, RegisterOptions register, ApprovalsOptions approvals)
    {
        if (bot.IsDevelopmentMode)
        {
            yield return "Development mode: no authentication. Bot:MicrosoftAppId is empty, so inbound activities are not checked and replies carry no token; use this only locally (Agents Playground).";
        }

        if (!bot.IsDevelopmentMode && bot.MicrosoftAppType == BotAppType.MultiTenant && bot.AllowedTenantIds.Count == 0)
        {
            // Only reachable in Development: elsewhere the validator refuses this configuration.
            yield return "Any tenant may use this bot: Bot:MicrosoftAppType is MultiTenant and Bot:AllowedTenantIds is empty (refused outside Development); list your tenant id(s) in Bot:AllowedTenantIds.";
        }

        if (!graphConfigured)
        {
            yield return "Graph not configured: e-mails and activity-feed notifications are skipped and people's names come from Teams (see the Graph settings).";
        }

        if (register.PpmUserId.Length == 0)
        {
            yield return "No PPM configured (Register:RoleHolders:PPM): nobody can edit the register, manage the outbox or send the Audit Committee report, and proposals have no People and Policy Manager.";
        }

        if (register.ApmUserIds.Count == 0 && string.IsNullOrWhiteSpace(register.ApmGroupId))
        {
            yield return "No Audit & Performance Management team configured (Register:RoleHolders:APM or Register:ApmGroupId): nobody can audit the content of the annual reviews or open a specific partnership review (sections 4.4-4.5), and only the PPM can run the Audit Committee report and record committee comments.";
        }

        if (approvals.SmtUserIds.Count == 0 && string.IsNullOrWhiteSpace(approvals.SmtGroupId))
        {
            yield return "No SMT configured (Approvals:SmtUserIds or Approvals:SmtGroupId): new partnership proposals cannot be authorised and summaries of completed reviews are not sent.";
        }
    }

    [LoggerMessage(1101, LogLevel.Warning, "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
