using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Cards.Templating;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Cards;

/// <summary>
/// Renders cards from the templates in the app's cards/ folder. All templates are loaded, parsed and checked
/// against their view types once, in the constructor, so a broken template stops the app at start-up.
/// </summary>
internal sealed partial class CardRenderer
{
    /// <summary>
    /// Largest rendered card in UTF-8 bytes: 40 KB is the strictest Teams message limit documented; this leaves
    /// room for the activity around the card.
    /// </summary>
    public const int MaxCardBytes = 40_000;

    /// <summary>Which template renders which view.</summary>
    public static readonly IReadOnlyDictionary<Type, string> TemplateNames = new Dictionary<Type, string>
    {
        [typeof(WelcomeView)] = "welcome",
        [typeof(QuestionStepView)] = "question-step",
        [typeof(ReviewView)] = "review",
        [typeof(SubmittedView)] = "submitted",
        [typeof(ApprovalRequestView)] = "approval-request",
        [typeof(DecisionOutcomeView)] = "decision-outcome",
        [typeof(HallmarkResultsView)] = "hallmark-results",
        [typeof(HallmarkChoiceView)] = "hallmark-choice",
        [typeof(HallmarkStartView)] = "hallmark-start",
        [typeof(HallmarkPlanView)] = "hallmark-plan",
        [typeof(AnnualPromptView)] = "annual-prompt",
        [typeof(AnnualHandOverView)] = "annual-handover",
        [typeof(PartnershipDetailView)] = "partnership-detail",
        [typeof(RegisterListView)] = "register-list",
        [typeof(ErrorView)] = "error",
        [typeof(ConfirmView)] = "confirm",
        [typeof(PartnershipEditView)] = "partnership-edit",
        [typeof(AuditReportView)] = "audit-report",
        [typeof(AnsweredView)] = "answered",
        [typeof(DownloadReadyView)] = "download-ready",
        [typeof(PaperPreparingView)] = "paper-preparing",
        [typeof(ProposalPageView)] = "proposal-page",
        [typeof(HelpView)] = "help",
        [typeof(ApprovalListView)] = "approval-list",
        [typeof(ReviewDecisionView)] = "review-decision",
        [typeof(ReviewProgrammeView)] = "review-programme",
        [typeof(CommitteeRecordView)] = "committee-record",
        [typeof(AuditWorkView)] = "audit-work",
        [typeof(SpecificReviewView)] = "specific-review",
    };

    /// <summary>How views become template data: camelCase names, nulls written (templates test them).</summary>
    public static JsonSerializerOptions ViewJsonOptions { get; } = JsonSerializerOptions.Web;

    /// <summary>Reused per thread for measuring cards, so measuring allocates nothing.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? SizingBuffer;

    private readonly Dictionary<Type, CardTemplate> templates;
    private readonly ILogger<CardRenderer> logger;

    /// <summary>Loads the templates shipped beside the app (AppContext.BaseDirectory/cards).</summary>
    public CardRenderer(ILogger<CardRenderer> logger)
        : this(Path.Combine(AppContext.BaseDirectory, "cards"), logger)
    {
    }

    /// <summary>Loads and checks every NAME.json (not NAME.data.json) in a folder; throws naming the bad template.</summary>
    public CardRenderer(string directory, ILogger<CardRenderer> logger)
    {
        this.logger = logger;
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.json")
                .Where(f => !f.EndsWith(".data.json", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
            : throw new CardTemplateException($"Card template folder '{directory}' does not exist");

        var unused = files.Keys.Except(TemplateNames.Values).ToList();
        if (unused.Count > 0)
        {
            throw new CardTemplateException($"Card templates without a view type in {nameof(CardRenderer)}.{nameof(TemplateNames)}: {string.Join(", ", unused)}");
        }

        templates = [];
        foreach (var (viewType, name) in TemplateNames)
        {
            var file = files.GetValueOrDefault(name)
                ?? throw new CardTemplateException($"Template '{name}' for {viewType.Name} is missing: expected {Path.Combine(directory, name + ".json")}");
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (JsonException e)
            {
                throw new CardTemplateException($"Template '{name}' is not valid JSON: {e.Message}");
            }

            var template = CardTemplate.Parse(name, json);
            CardTemplateChecker.Check(template, viewType, ViewJsonOptions);
            templates[viewType] = template;
        }
    }

    /// <summary>
    /// Renders the card for a view. Throws <see cref="CardTooLargeException"/> (after logging) when the card
    /// exceeds <see cref="MaxCardBytes"/>; callers catch it and send something smaller.
    /// </summary>
    public JsonObject Render<TView>(TView view)
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(view);
        var template = templates.GetValueOrDefault(typeof(TView))
            ?? throw new InvalidOperationException($"No card template is registered for {typeof(TView).Name}");
        var data = JsonSerializer.SerializeToNode(view, ViewJsonOptions);
        var card = CardTemplateEngine.Expand(template, data) as JsonObject
            ?? throw new CardTemplateException($"Template '{template.Name}' did not produce a card object");

        var size = Utf8Size(card);
        if (size > MaxCardBytes)
        {
            Log.CardTooLarge(logger, template.Name, size, MaxCardBytes);
            throw new CardTooLargeException(template.Name, size);
        }

        // An error is never the next step of the card that was clicked: it must not replace a receipt or a list.
        return view is ErrorView ? CardReply.AsNewMessage(card) : card;
    }

    /// <summary>The card's size as JSON.ToJsonString() writes it, in UTF-8 bytes, counted without building the string.</summary>
    private static int Utf8Size(JsonObject card)
    {
        var buffer = SizingBuffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            card.WriteTo(writer);
        }

        var size = buffer.WrittenCount;
        if (buffer.Capacity > 4 * MaxCardBytes)
        {
            SizingBuffer = null; // an oversized card (refused anyway) does not pin a large buffer to the thread
        }

        return size;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2301, Level = LogLevel.Error, Message = "Card '{Template}' is {Size} bytes, over the {Limit} byte limit")]
        public static partial void CardTooLarge(ILogger logger, string template, int size, int limit);
    }
}

/// <summary>A rendered card is over <see cref="CardRenderer.MaxCardBytes"/>: shorten the view (fewer rows, shorter summaries).</summary>
internal sealed class CardTooLargeException(string template, int size)
    : Exception($"Card '{template}' is {size} bytes, over the {CardRenderer.MaxCardBytes} byte limit")
{
    /// <summary>The template name.</summary>
    public string Template { get; } = template;

    /// <summary>The card's size in UTF-8 bytes.</summary>
    public int Size { get; } = size;
}
