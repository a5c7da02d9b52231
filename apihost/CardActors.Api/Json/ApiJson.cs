using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardActors.Api.Json;

/// <summary>The API's JSON: camelCase members and enum values, card states by their domain names, strict reading.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        // A body that lacks a required member is refused (400 validation.failed naming it) instead of binding null.
        options.RespectRequiredConstructorParameters = true;
        // A null where the contract has a non-nullable member is refused at the door (400 naming it), not
        // carried into the grains, where it would fail later. Collection elements are not covered: the
        // grains check those.
        options.RespectNullableAnnotations = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // "3" is not a number: the web defaults would read it as one.
        options.NumberHandling = JsonNumberHandling.Strict;
        // Converters here win over the [JsonConverter] attributes of the contract's enums.
        options.Converters.Insert(0, new CardStateJsonConverter());
        options.Converters.Insert(1, new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
