using PartnershipBot.Features.Partnerships;

namespace PartnershipBot.Documents.Downloads;

/// <summary>A document made for one person: its file name, bytes and content type (a Word document unless said).</summary>
internal sealed record GeneratedDocument(string FileName, byte[] Content, string ContentType = WordDocument.ContentType);

/// <summary>
/// One kind of paper a person can download (a proposal, a review report, the Audit Committee summary). The feature
/// that owns the data implements it, with the same read rule as its cards: the download service never decides who may
/// read what.
/// </summary>
internal interface IDocumentSource
{
    /// <summary>The kind named in card data and download grants, e.g. "proposal".</summary>
    string Kind { get; }

    /// <summary>
    /// A paper that can take long to make (a whole year's report): "Download as Word" answers the turn with a
    /// "preparing" card and the paper is made in the background, then sent to the person's chat with its link
    /// (<see cref="PaperDelivery"/>). Others are made when their link is opened.
    /// </summary>
    bool PreparedInBackground => false;

    /// <summary>Whether the document exists and <paramref name="caller"/> may read it: cheap, asked during a turn.</summary>
    Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken);

    /// <summary>
    /// The document for <paramref name="caller"/>, or null when it does not exist or they may not read it. Made when the
    /// link is used (an HTTP request of its own), never inside a turn, so a large report cannot hold up Teams' 15 s.
    /// </summary>
    Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken);
}
