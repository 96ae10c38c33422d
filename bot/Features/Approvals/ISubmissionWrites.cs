namespace PartnershipBot.Features.Approvals;

/// <summary>The submission part of a unit of work (Storage.IUnitOfWork).</summary>
internal interface ISubmissionWrites
{
    /// <summary>Saves the submission if the stored one is still at <see cref="Submission.Version"/> (0 = new); otherwise the whole unit fails.</summary>
    void Save(Submission submission);
}
