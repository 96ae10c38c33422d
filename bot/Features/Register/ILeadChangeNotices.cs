using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Register;

/// <summary>
/// Who is told when an edit gives a partnership a new lead officer, whichever route made it (the register's Edit card, the
/// PPM's card after a "not my partnership"): the messages are saved with the change, in one unit of work. Implemented by
/// the annual cycle, which knows what is asked of whom.
/// </summary>
internal interface ILeadChangeNotices
{
    IReadOnlyList<OutboxMessage> For(Partnership before, Partnership after, string byName, DateTimeOffset now);
}
