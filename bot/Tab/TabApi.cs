using Microsoft.Extensions.Options;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Hosting;

namespace PartnershipBot.Tab;

/// <summary>
/// The tab's JSON API under /api/tab. Every endpoint needs a caller (an SSO token, or development mode) and a role;
/// what each caller sees is decided by the features' query services, not here.
/// </summary>
internal static partial class TabApi
{
    public const string Prefix = "/api/tab";

    public static void MapTabApi(this IEndpointRouteBuilder endpoints, bool requireAuthentication)
    {
        var api = endpoints.MapGroup(Prefix);
        if (requireAuthentication)
        {
            api.RequireAuthorization(TabAuthentication.Policy);
        }

        // Pages must never be cached by a shared proxy: every answer depends on who asks. The API only reads the
        // register, so one read serves a request's role check and its page (RegisterReadScope).
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            using var oneRead = RegisterReadScope.Open();
            return await next(context);
        });

        api.MapGet("/me", MeAsync);
        api.MapGet("/register", RegisterAsync);
        api.MapGet("/partnerships/{id}", PartnershipAsync);
        api.MapGet("/due", DueAsync);
        api.MapGet("/approvals", ApprovalsAsync);
        api.MapGet("/hallmarks", TabHallmarks.CouncilAsync);
        api.MapGet("/hallmarks/{id}", TabHallmarks.PartnershipAsync);
        api.MapGet("/charts/hallmarks.svg", TabHallmarks.CouncilChartAsync);
        api.MapGet("/charts/hallmarks/{id}.svg", TabHallmarks.PartnershipChartAsync);
        api.MapGet("/audit", TabAudit.CoverageAsync);
        api.MapGet("/audit/{year:int}.{format}", TabAudit.DownloadAsync);
        api.MapGet("/proposals", TabPapers.ProposalsAsync);
        api.MapPost("/documents/{kind}", TabPapers.LinkAsync);
    }

    private static async Task<IResult> MeAsync(HttpContext context, TabAccess access, RegisterQueries register, IOptions<BotOptions> bot, IOptions<TabOptions> tab, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var viewer = await register.ViewerAsync(caller, cancellationToken);
        return TabJson.Ok(new
        {
            caller.Name,
            Roles = viewer.Roles.Order().ToList(),
            viewer.SeesWholeRegister,
            // No role: only their own proposals (and those for their decision) are theirs to see; the page opens on them.
            HasRole = viewer.HasAnyRole,
            viewer.SeesAuditReport,
            DevelopmentMode = access.IsDevelopmentMode,
            BotChatUrl = TabDeepLinks.BotChat(bot.Value.MicrosoftAppId),
            tab.Value.EntityId,
        });
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, TabAccess access, RegisterQueries register, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (query, error) = ParseQuery(context.Request.Query);
        if (error is not null)
        {
            return TabJson.Problem(StatusCodes.Status400BadRequest, error);
        }

        var page = await register.ListAsync(caller, query, cancellationToken);
        return TabJson.Ok(new
        {
            page.Rows,
            page.Visible,
            page.LeadOfficers,
            Roles = RoleCodes.All.Select(r => new { r.Code, r.Title }).ToList(),
            Statuses = Enum.GetValues<PartnershipStatus>().Select(s => new { Value = s, Label = RegisterViews.StatusText(s) }).ToList(),
            Stages = Enum.GetValues<LifeCycleStage>(),
        });
    }

    private static async Task<IResult> PartnershipAsync(
        string id, HttpContext context, TabAccess access, RegisterQueries register, HallmarkQueries hallmarks, ApprovalsWaiting approvals,
        CommitteeQueries committees, ProposalQueries proposals, DocumentDownloads downloads, IOptions<BotOptions> bot, IOptions<TabOptions> tab,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        if (id.Length > 100 || await register.DetailsAsync(caller, id, cancellationToken) is not { } details)
        {
            return TabJson.NotFound();
        }

        var p = details.Partnership;
        var timeline = RegisterQueries.Timeline(p).ToList();
        if (await hallmarks.PartnershipAsync(caller, id, cancellationToken) is { } assessed)
        {
            timeline.AddRange(assessed.Assessments.Select(a => new TimelineEntry(
                new DateTimeOffset(a.AssessedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                "assessment",
                $"Hallmarks self-assessment by {a.AssessedBy}: overall {HallmarkResults.PercentText(a.Overall)}")));
        }

        // The proposal and its approvals, for those who may read the proposal (the approvals feature's rule).
        timeline.AddRange(await approvals.TimelineAsync(caller, p.Id, cancellationToken));

        // The Audit Committee's and the Review Committee's comments and recommendations (4.4-4.6).
        var committee = await committees.ForPartnershipAsync(caller, id, cancellationToken) ?? [];
        timeline.AddRange(CommitteeQueries.Timeline(p));

        return TabJson.Ok(new
        {
            details.Row,
            p.Partners,
            p.Purpose,
            StageText = LifeCycleStages.WithDescription(p.Stage),
            p.AccountableBody,
            p.ElectedMembers,
            details.LeadRoleTitle,
            p.LastAnnualReturn,
            p.LastEffectivenessReview,
            p.LastThreeYearReview,
            p.RegisteredOn,
            Reviews = details.Reviews.Select(r => new
            {
                r.CycleYear,
                Kind = ReviewSchedule.KindTitle(r.Kind),
                r.CompletedOn,
                r.CompletedByName,
                Recommendation = ReviewAnswers.RecommendationText(r.Recommendation),
                r.Reasons,
                r.ContingentLiabilities,
            }).ToList(),
            Timeline = timeline.OrderBy(t => t.At).ToList(),
            CommitteeComments = committee,
            AuditTrail = details.AuditTrail.Select(c => new { c.At, c.ByName, c.What }).ToList(),
            Documents = await TabPapers.OfPartnershipAsync(caller, details, proposals, downloads, cancellationToken),
            details.CanEdit,
            details.CanChangeStage,
            OpenInChat = TabDeepLinks.BotChat(bot.Value.MicrosoftAppId),
            DeepLink = TabDeepLinks.Partnership(tab.Value.TeamsAppId, tab.Value.EntityId, p.Id),
        });
    }

    private static async Task<IResult> DueAsync(HttpContext context, TabAccess access, ReviewQueries reviews, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        return caller is null ? refusal! : TabJson.Ok(await reviews.DueAsync(caller, cancellationToken));
    }

    private static async Task<IResult> ApprovalsAsync(HttpContext context, TabAccess access, ApprovalsWaiting approvals, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        return caller is null ? refusal! : TabJson.Ok(new { Available = true, Waiting = await approvals.ListAsync(caller, cancellationToken) });
    }

    public static (RegisterQuery Query, string? Error) ParseQuery(IQueryCollection q)
    {
        var query = new RegisterQuery();
        if (q["status"].ToString() is { Length: > 0 } status)
        {
            if (!TryEnum<PartnershipStatus>(status, out var s)) return (query, $"'{Clip(status)}' is not a status.");
            query = query with { Status = s };
        }

        if (q["stage"].ToString() is { Length: > 0 } stage)
        {
            if (!TryEnum<LifeCycleStage>(stage, out var s)) return (query, $"'{Clip(stage)}' is not a life-cycle stage.");
            query = query with { Stage = s };
        }

        if (q["role"].ToString() is { Length: > 0 } role)
        {
            if (RoleCodes.Normalize(role) is not { } code) return (query, $"'{Clip(role)}' is not a role code.");
            query = query with { Role = code };
        }

        if (q["sort"].ToString() is { Length: > 0 } sort)
        {
            if (!TryEnum<RegisterSort>(sort, out var s)) return (query, $"'{Clip(sort)}' is not a column to sort by.");
            query = query with { Sort = s };
        }

        return (query with
        {
            LeadOfficer = q["lead"].ToString() is { Length: > 0 and <= 200 } lead ? lead : null,
            OverdueOnly = q["overdue"] == "true",
            Search = q["q"].ToString(),
            Descending = q["dir"] == "desc",
        }, null);
    }

    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && !int.TryParse(text, out _) && Enum.IsDefined(value);

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
