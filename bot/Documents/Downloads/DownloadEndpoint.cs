using Microsoft.Net.Http.Headers;

namespace PartnershipBot.Documents.Downloads;

/// <summary>GET /downloads/{secret}: the document, once, as an attachment; anything else a plain page saying what to do.</summary>
internal static class DownloadEndpoint
{
    private const string Gone =
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Link expired</title></head><body>"
        + "<h1>This download link has expired or has been used</h1>"
        + "<p>Download links work once, for a few minutes. Press \"Download as Word\" in the PartnershipBot chat in Teams for a new one.</p>"
        + "</body></html>";

    public static IEndpointRouteBuilder MapDownloadEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DocumentDownloads.RoutePrefix + "{secret}", async (string secret, HttpContext http, DocumentDownloads downloads) =>
        {
            // Nothing here may be cached or leak through a referrer: the link is the credential.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var document = await downloads.RedeemAsync(secret, http.RequestAborted);
            if (document is null)
            {
                return Results.Content(Gone, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
            }

            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(document.FileName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Bytes(document.Content, document.ContentType);
        });
        return endpoints;
    }
}
