using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// A card's worst case from its sample: every officer-typed text ([UserText]) long, markup-like and with an unbroken
/// word, and every list of items several times as long, as far as the 40 KB card limit allows.
/// </summary>
internal static class CardWorstCase
{
    public const string Text =
        "<script>alert(1)</script> **Bold** [a link](https://example.org) & \"quotes\" — ünïcödé ${journeyTitle} "
        + "Pneumonoultramicroscopicsilicovolcanoconiosis-without-any-space-at-all-to-wrap-on "
        + "and then a long sentence that goes on and on so that the text wraps over several lines of the card.";

    /// <summary>The worst case of a sample view that still renders within the card limit (fewer items until it fits).</summary>
    public static object Of(object sample)
    {
        foreach (var copies in new[] { 12, 6, 3, 1 })
        {
            var data = CardSamples.ToData(sample);
            Worsen(data, sample.GetType(), copies);
            var view = data.Deserialize(sample.GetType(), CardRenderer.ViewJsonOptions)!;
            try
            {
                CardSamples.Render(view);
                return view;
            }
            catch (TargetInvocationException e) when (e.InnerException is CardTooLargeException)
            {
            }
        }

        throw new InvalidOperationException($"No worst case of {sample.GetType().Name} fits a card.");
    }

    private static void Worsen(JsonNode? node, Type type, int copies)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!obj.TryGetPropertyValue(name, out var value) || value is null)
            {
                continue;
            }

            if (property.GetCustomAttribute<UserTextAttribute>() is not null && property.PropertyType == typeof(string))
            {
                obj[name] = Text;
            }
            else if (value is JsonArray array && ElementType(property.PropertyType) is { } element && array.Count > 0)
            {
                foreach (var item in array)
                {
                    Worsen(item, element, copies);
                }

                var first = array.Select(i => i!.DeepClone()).ToList();
                for (var i = 1; i < copies; i++)
                {
                    foreach (var item in first)
                    {
                        array.Add(item.DeepClone());
                    }
                }
            }
            else if (value is JsonObject && property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                Worsen(value, property.PropertyType, copies);
            }
        }
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var element] && element.IsClass && element != typeof(string)
            ? element
            : null;
}
