using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Register;

/// <summary>Reads the Appendix 1 seed file and turns it into register entries (pure apart from reading the file).</summary>
internal static class KeyPartnershipSeeds
{
    public const string FileName = "key-partnerships.json";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Features", "Register", FileName);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses and checks the file; the exception names the file and every problem.</summary>
    public static IReadOnlyList<Partnership> Parse(string fileName, string json, RegisterOptions options, DateTimeOffset now)
    {
        SeedFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SeedFile>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{fileName}: not valid JSON ({ex.Message}).", ex);
        }

        var errors = new List<string>();
        var entries = file?.Partnerships ?? [];
        if (entries.Count == 0)
        {
            errors.Add("no partnerships listed");
        }

        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Id) || string.IsNullOrWhiteSpace(entry.Name))
            {
                errors.Add($"an entry lacks an id or a name ({entry.Id ?? entry.Name ?? "?"})");
            }

            if (!RoleCodes.IsKnown(entry.Role ?? ""))
            {
                errors.Add($"'{entry.Name}' has role '{entry.Role}', not an Appendix 1 role code");
            }
        }

        errors.AddRange(entries.GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"id '{g.Key}' is used twice"));
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{fileName}: {string.Join("; ", errors)}.");
        }

        return entries.Select(e =>
        {
            var role = RoleCodes.Normalize(e.Role!)!;
            return new Partnership
            {
                Id = e.Id!,
                Name = e.Name!.Trim(),
                LeadOfficerId = options.HolderOf(role),
                LeadRole = role,
                LeadFollowsRole = true,
                Status = file!.Status,
                // A stage known for an entry is seeded as such; otherwise the file's default ("not recorded"), never assumed.
                Stage = e.Stage ?? file.Stage,
                AccountableBody = e.AccountableBody?.Trim() ?? "",
                ElectedMembers = e.ElectedMembers?.Select(m => m.Trim()).Where(m => m.Length > 0).ToList() ?? [],
                StartDate = e.StartDate,
                RegisteredOn = DateOnly.FromDateTime(now.UtcDateTime),
                History = [new PartnershipChange("", "Appendix 1", now, "Seeded from Appendix 1 of the Partnership Guidance")],
            };
        }).ToList();
    }

    private sealed record SeedFile(PartnershipStatus Status, LifeCycleStage Stage = LifeCycleStage.NotRecorded, List<SeedEntry>? Partnerships = null);

    private sealed record SeedEntry(
        string? Id, string? Name, string? Role, DateOnly? StartDate, LifeCycleStage? Stage, string? AccountableBody, List<string>? ElectedMembers);
}
