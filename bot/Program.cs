using PartnershipBot.Hosting;
using PartnershipBot.Storage.Transfer;

// Storage commands (e.g. migrate-to-postgresql) run instead of the bot.
if (StorageCommands.IsCommand(args))
{
    return StorageCommands.Run(args, Console.Out, Console.Error);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPartnershipBot();

    var app = builder.Build();
    app.ValidateConfiguration();
    app.MapPartnershipBot();
    app.Run();
    return 0;
}
catch (Exception error) when (ConfigurationErrors.IsOwnProcess && ConfigurationErrors.From(error) is { Count: > 0 } problems)
{
    // One clear message naming each bad setting; no stack trace for a configuration mistake. (Hosted in a test
    // server, the exception goes on to the host that started it.)
    Console.Error.WriteLine(ConfigurationErrors.Describe(problems));
    return ConfigurationErrors.ExitCode;
}

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
