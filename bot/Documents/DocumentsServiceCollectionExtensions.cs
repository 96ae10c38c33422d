using Microsoft.Extensions.Options;
using PartnershipBot.Documents.Downloads;

namespace PartnershipBot.Documents;

/// <summary>Registers the paper templates and the download links; each feature registers its own document sources.</summary>
internal static class DocumentsServiceCollectionExtensions
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddOptions<DownloadOptions>().BindConfiguration(DownloadOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DownloadOptions>, DownloadOptionsValidator>();
        services.AddSingleton(_ => PaperTemplates.Load(PaperTemplates.DefaultPath));
        services.AddSingleton<DocumentDownloads>();
        services.AddSingleton<DownloadHandler>();
        services.AddSingleton<PaperDelivery>();
        services.AddSingleton<Notifications.IChatCardContent>(sp => sp.GetRequiredService<PaperDelivery>());
        services.AddSingleton<Notifications.IEmailPapers, EmailPaperMaker>();
        services.AddHttpContextAccessor();
        return services;
    }
}
