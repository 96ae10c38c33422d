using System.Reflection;
using Microsoft.Extensions.Logging;
using PartnershipBot.Hosting;

namespace PartnershipBot.Tests.Hosting;

/// <summary>Every [LoggerMessage] of the bot has its own event id, inside the range of the area that declares it.</summary>
public sealed class LogEventIdTests
{
    private const BindingFlags AllMethods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    internal sealed record LogEvent(string Method, string? Namespace, int Id);

    [Fact]
    public void LoggerMessages_InTheBotAssembly_HaveUniqueIdsInTheirAreasRange()
    {
        var events = EventsOf(typeof(Program).Assembly);

        Assert.True(events.Count >= 40, $"Found only {events.Count} log events: is the reflection still finding them?");
        var problems = Problems(events);
        Assert.True(problems.Count == 0, "Log event ids:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Problems_DuplicateIdOutOfRangeMissingIdOrUnknownArea_AreEachReported()
    {
        var problems = Problems(
        [
            new("Endpoints.Refused", "PartnershipBot.Endpoints", 2101),
            new("Notifications.Started", "PartnershipBot.Notifications", 2101),
            new("Scheduling.Pass", "PartnershipBot.Scheduling", 3001),
            new("Questionnaires.Loaded", "PartnershipBot.Features.Questionnaires", -1),
            new("Elsewhere.Something", "PartnershipBot.Features.Unknown", 9999),
        ]);

        Assert.Contains(problems, p => p.Contains("2101") && p.Contains("Endpoints.Refused") && p.Contains("Notifications.Started"));
        Assert.Contains(problems, p => p.Contains("Notifications.Started") && p.Contains("3000-3099"));
        Assert.Contains(problems, p => p.Contains("Scheduling.Pass") && p.Contains("3500-3599"));
        Assert.Contains(problems, p => p.Contains("Questionnaires.Loaded") && p.Contains("no explicit EventId"));
        Assert.Contains(problems, p => p.Contains("Elsewhere.Something") && p.Contains("LogEventRanges"));
    }

    [Theory]
    [InlineData("PartnershipBot.Cards.Views", "Cards")]
    [InlineData("PartnershipBot.Features.AuditReport", "AuditReport/Audit")]
    [InlineData("PartnershipBot.Features.Hallmarks", "Hallmarks")]
    [InlineData("PartnershipBot.Storage", "Storage")]
    public void For_Namespace_IsTheLongestMatchingArea(string ns, string area) =>
        Assert.Equal(area, LogEventRanges.For(ns)?.Area);

    internal static List<LogEvent> EventsOf(Assembly assembly) =>
        [.. from type in assembly.GetTypes()
            from method in type.GetMethods(AllMethods)
            let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
            where attribute is not null
            select new LogEvent($"{type.FullName}.{method.Name}", type.Namespace, attribute.EventId)];

    internal static List<string> Problems(IReadOnlyCollection<LogEvent> events)
    {
        var problems = new List<string>();
        foreach (var e in events)
        {
            // Without an EventId the generator uses 0 for every such event, so they would all collide.
            if (e.Id <= 0)
            {
                problems.Add($"{e.Method} has no explicit EventId");
                continue;
            }

            var range = LogEventRanges.For(e.Namespace);
            if (range is null)
            {
                problems.Add($"{e.Method} (namespace {e.Namespace}) belongs to no area: add its range to Hosting/LogEventRanges.cs");
            }
            else if (!range.Contains(e.Id))
            {
                problems.Add($"{e.Method} uses {e.Id}, outside {range.Area}'s range {range.First}-{range.Last}");
            }
        }

        problems.AddRange(events.Where(e => e.Id > 0).GroupBy(e => e.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} is used by {string.Join(", ", g.Select(e => e.Method))}"));
        return problems;
    }
}
