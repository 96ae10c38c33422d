using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using PartnershipBot.Cards;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.AuditReport;

/// <summary>
/// Issue 17.6: the audit report reaches the PPM in Teams (one-use download links for the .xlsx and CSV), is e-mailed
/// only when a mailbox is configured, and the card says truthfully which; a skipped e-mail is listed by "outbox" as
/// skipped, never as delivered.
/// </summary>
public sealed class AuditReportDeliveryTests
{
    [Fact]
    public async Task AuditReport_NoMailbox_NothingEmailed_CardSaysSo_FilesDownloadInTeams()
    {
        await using var bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 4, 20, 10, 0, 0, TimeSpan.Zero));
        var pat = bot.Harness.User("Pat");
        var card = (await pat.SayAsync("audit report 2027")).Card!;

        var text = CardInspector.AllText(card);
        Assert.Contains("Nothing was e-mailed", text);
        Assert.DoesNotContain("on their way", text);
        Assert.DoesNotContain(bot.Outbox.Messages, m => m.Kind == OutboxKind.Email);

        var xlsxLink = await pat.ClickAsync(card, "Download the spreadsheet (.xlsx)");
        using (var response = await bot.Harness.Client.GetAsync(DownloadPath(xlsxLink)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(PartnershipBot.Features.AuditReport.AuditReportFiles.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
            using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var sheet = workbook.Worksheet("Partnerships");
            Assert.Equal("Community Safety Partnership", Enumerable.Range(2, 16).Select(r => sheet.Cell(r, 1).GetString()).Single(n => n == "Community Safety Partnership"));
        }

        var csvLink = await pat.ClickAsync(card, "Download as CSV");
        using (var response = await bot.Harness.Client.GetAsync(DownloadPath(csvLink)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Community Safety Partnership", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        // The link was for Pat, once.
        using var again = await bot.Harness.Client.GetAsync(DownloadPath(csvLink));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // Nobody but the PPM gets a link, whatever the card data says.
        var refused = await bot.Harness.User("Hana").InvokeAsync(CardVerbs.DocumentDownload, new JsonObject { ["kind"] = "audit-xlsx", ["subjectId"] = "2027" });
        Assert.Contains("Not allowed", CardInspector.AllText(refused));
    }

    [Fact]
    public async Task Outbox_AnEmailSkippedForWantOfAMailbox_IsListedAsSkipped_NotAsDelivered()
    {
        await using var bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 4, 20, 10, 0, 0, TimeSpan.Zero), recordOutbox: false);
        await bot.Harness.Get<IOutbox>().EnqueueAsync(
        [
            new OutboxMessage
            {
                IdempotencyKey = "test:skipped-mail",
                Kind = OutboxKind.Email,
                RecipientId = CycleBot.Hcs,
                Subject = "Annual review 2027",
                Body = "<p>Due</p>",
                Topic = "test",
            },
        ], default);
        await bot.Harness.Get<OutboxSignal>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var shown = (await bot.Harness.User("Pat").SayAsync("outbox")).Text!;
        Assert.NotEqual(OutboxCommands.NothingText, shown);
        Assert.DoesNotContain("All notifications have been delivered", shown);
        Assert.Contains("1 notification was not sent (skipped)", shown);
        Assert.Contains("Annual review 2027", shown);
        Assert.Contains("Graph is not configured", shown);
    }

    private static string DownloadPath(JsonObject card)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        return new Uri(action["url"]!.GetValue<string>()).PathAndQuery;
    }
}
