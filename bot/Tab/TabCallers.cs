using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;

namespace PartnershipBot.Tab;

/// <summary>Who an API request is from: the validated SSO token's oid/tid, or in development mode a local identity.</summary>
internal sealed class TabCallers(IOptions<BotOptions> bot, IOptions<TabOptions> tab, IOptions<RegisterOptions> register)
{
    public const string DevelopmentTenant = "development";

    public bool IsDevelopmentMode => bot.Value.IsDevelopmentMode;

    public Caller? From(HttpContext context) => bot.Value.IsDevelopmentMode
        ? new Caller(DevelopmentUserId, DevelopmentTenant, "Development user")
        : TabTokenRules.CallerOf(context.User, bot.Value.MicrosoftAppTenantId);

    private string DevelopmentUserId =>
        tab.Value.DevelopmentUserId is { Length: > 0 } id ? id
        : register.Value.PpmUserId is { Length: > 0 } ppm ? ppm
        : "development-user";
}
