namespace PartnershipBot.Features.Approvals;

/// <summary>Log events of approvals: ids and states only, never comments or answers.</summary>
internal static partial class ApprovalLog
{
    [LoggerMessage(6001, LogLevel.Information, "Submission {SubmissionId} version {ProposalVersion} is {Status}")]
    public static partial void Submitted(ILogger logger, string submissionId, int proposalVersion, SubmissionStatus status);

    [LoggerMessage(6002, LogLevel.Information, "Submission {SubmissionId}: {Kind} recorded, now {Status}")]
    public static partial void Changed(ILogger logger, string submissionId, ApprovalRequestKind kind, SubmissionStatus status);

    [LoggerMessage(6003, LogLevel.Warning, "Refused an approval action on submission {SubmissionId} from someone who is not an approver now")]
    public static partial void Refused(ILogger logger, string submissionId);

    [LoggerMessage(6004, LogLevel.Warning, "Could not update approval card copies of submission {SubmissionId}")]
    public static partial void UpdateFailed(ILogger logger, string submissionId, Exception exception);

    [LoggerMessage(6005, LogLevel.Warning, "The people directory could not be read for an approval; carrying on without it")]
    public static partial void DirectoryFailed(ILogger logger, Exception exception);

    [LoggerMessage(6006, LogLevel.Warning, "Refused to show proposal {SubmissionId} to someone who is not its submitter, an approver or the PPM")]
    public static partial void ProposalRefused(ILogger logger, string submissionId);
}
