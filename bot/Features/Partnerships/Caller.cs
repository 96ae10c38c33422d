namespace PartnershipBot.Features.Partnerships;

/// <summary>
/// Who is asking, as the channel (a bot activity) or a validated token (the tab) vouches for it. Query and command
/// services take a caller, never a turn, so the chat and the tab share one set of permission rules.
/// </summary>
/// <param name="Id">The Entra object id (aadObjectId / oid).</param>
/// <param name="TenantId">The Entra tenant id (tid).</param>
/// <param name="Name">The display name, for greetings and audit trails only; never used to decide anything.</param>
internal sealed record Caller(string Id, string TenantId, string Name);
