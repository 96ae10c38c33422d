using Microsoft.Extensions.Options;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Turns;

namespace PartnershipBot.Operations;

/// <summary>
/// "backup": an online backup of the LiteDB file, taken by the running bot for an operator (Notifications:AdminUserIds,
/// the PPM included). Why a chat command: LiteDB holds its file exclusively, so only the process that has it open can
/// copy it consistently; a command checked like "outbox" (the activity's Entra object id and tenant) adds no endpoint,
/// key or network surface. On PostgreSQL it says where backups are made instead.
/// </summary>
internal sealed class BackupCommand(IStorageBackup backup, IOptions<NotificationsOptions> options, IOptions<GraphOptions> graph)
{
    public const string NotAllowedText = "Sorry, only the People and Policy Manager (or another configured operator) can take a backup.";

    public const string PostgreSqlText =
        "This bot keeps its data in PostgreSQL: backups are made by the database (pg_dump, or Azure Database for PostgreSQL's "
        + "automatic backups and point-in-time restore), not by the bot.";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!Admins.Allow(turn, options.Value, graph.Value))
        {
            await turn.SendTextAsync(NotAllowedText, cancellationToken);
            return;
        }

        var report = await backup.BackupAsync(cancellationToken);
        await turn.SendTextAsync(report is null ? PostgreSqlText : Describe(report), cancellationToken);
    }

    private static string Describe(BackupReport report) =>
        $"Backup written: {Path.GetFileName(report.Path)} ({report.Bytes / 1024.0:0.#} KB, {report.Records.Values.Sum()} records in "
        + $"{report.Records.Count} collections, checked by opening the copy). It is in {Path.GetDirectoryName(report.Path)} on the bot's server: "
        + "copy it somewhere safe, off that server.";
}
