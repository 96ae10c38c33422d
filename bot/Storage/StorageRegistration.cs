using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PartnershipBot.Storage.LiteDb;
using PartnershipBot.Storage.PostgreSql;

namespace PartnershipBot.Storage;

/// <summary>Registers the storage backend named by Storage:Provider; features register only their own services.</summary>
internal static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<CommitObservers>();
        services.TryAddSingleton<InstanceIdentity>();

        // An unknown provider registers LiteDB here but never opens it: the options check fails start-up first.
        var provider = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"];
        if (StorageOptions.IsPostgreSql(provider))
        {
            services.AddPostgreSqlStorage();
        }
        else
        {
            services.AddLiteDbStorage();
        }

        return services;
    }

    /// <summary>Opens the database now, not on the first turn, so a bad path or connection fails start-up clearly.</summary>
    public static void OpenStorage(this IServiceProvider services) => services.GetRequiredService<IStorageOpener>().Open();
}

/// <summary>Opens (and for PostgreSQL migrates) the backend's database at start-up.</summary>
internal interface IStorageOpener
{
    void Open();
}

internal sealed class StorageOpener(Action open) : IStorageOpener
{
    public void Open() => open();
}
