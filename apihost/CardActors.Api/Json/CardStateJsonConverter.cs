using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardActors.Api.Json;

/// <summary>
/// Card states as domain.md writes them ("requested", "in production"); reads those and the
/// compact forms ("inProduction", "in-production"), never numbers.
/// </summary>
public sealed class CardStateJsonConverter : JsonConverter<CardState>
{
    public override CardState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && TryParse(text, out var state))
        {
            return state;
        }

        throw new JsonException($"Not a card state; one of: {string.Join(", ", Enum.GetValues<CardState>().Select(s => s.ToDomainName()))}.");
    }

    public override void Write(Utf8JsonWriter writer, CardState value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToDomainName());

    /// <summary>A state's name in any of the accepted forms; digits are refused, as <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would take them.</summary>
    public static bool TryParse(string text, out CardState state)
    {
        state = default;
        return text.Length > 0 && !text.Any(char.IsDigit) && CardStates.TryParseDomainName(text, out state);
    }
}
