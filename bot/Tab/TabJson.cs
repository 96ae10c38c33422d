using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnershipBot.Tab;

/// <summary>The tab API's JSON: camelCase, enums as their names, dates ISO.</summary>
internal static class TabJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IResult Ok(object value) => Results.Json(value, Options);

    /// <summary>A refusal or bad request with a message the page can show as it is.</summary>
    public static IResult Problem(int status, string message) => Results.Json(new { error = message }, Options, statusCode: status);

    public static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "There is no such partnership in the register you can see.");

    public static IResult NoRole() => Problem(StatusCodes.Status403Forbidden,
        "You have no role in the partnership register and no proposal of your own or waiting for your decision: the register shows each person the partnerships they lead and the proposals they submitted or must decide on; the People and Policy Manager, the Audit & Performance Management team and SMT see every partnership.");
}
