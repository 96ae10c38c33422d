using Microsoft.Extensions.FileProviders;

namespace PartnershipBot.Tab;

/// <summary>
/// Serves the tab's static pages (tab/web in the repository, copied to the app output with the pinned Teams SDK) under
/// /tab/. The pages hold no data: everything comes from the API after sign-in. Every page and script is sent with a
/// Content-Security-Policy without inline scripts that lets only Teams frame it.
/// </summary>
internal static class TabPages
{
    public const string Path = "/tab";

    /// <summary>Where Teams (web, desktop, the new Teams on cloud.microsoft, Outlook and Microsoft 365) hosts personal tabs.</summary>
    public static readonly IReadOnlyList<string> FrameAncestors =
    [
        "https://teams.microsoft.com",
        "https://*.teams.microsoft.com",
        "https://teams.cloud.microsoft",
        "https://*.cloud.microsoft",
        "https://*.office.com",
        "https://outlook.office.com",
        "https://*.microsoft365.com",
    ];

    public static readonly string ContentSecurityPolicy = string.Join("; ",
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        // Charts are server-drawn SVG fetched with the token and shown through blob: URLs; downloads likewise.
        "img-src 'self' blob: data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        "frame-ancestors " + string.Join(' ', FrameAncestors));

    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "tab");

    public static WebApplication MapTabPages(this WebApplication app)
    {
        if (!Directory.Exists(Root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch =>
        {
            // The tab's content URL is /tab/; /tab alone gets there too. Not an endpoint: routing ignores the trailing
            // slash, so a "/tab" endpoint would also match /tab/ (redirecting it to itself) and stop the static files.
            branch.Use((context, next) =>
            {
                if (context.Request.Path.Value == Path)
                {
                    context.Response.Redirect(Path + "/");
                    return Task.CompletedTask;
                }

                return next(context);
            });
            branch.Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Pages change with each release and hold no data; revalidating is cheap and avoids stale scripts.
                headers.CacheControl = "no-cache";
                return next(context);
            });
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path });
        });
        return app;
    }
}
