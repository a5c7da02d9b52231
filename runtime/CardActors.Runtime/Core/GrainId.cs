using System.Globalization;
using System.Text.Json.Serialization;

namespace CardActors.Runtime;

/// <summary>
/// The identity of a grain: its grain type (stable name, not the CLR type name) and its key.
/// Written as <c>type/key</c>; the type never contains '/', the key may.
/// </summary>
[JsonConverter(typeof(GrainIdJsonConverter))]
public readonly record struct GrainId(string Type, string Key)
{
    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N"));

    public static GrainId Create(string type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    public Guid GetGuidKey() => Guid.ParseExact(Key, "N");

    public long GetIntegerKey() => long.Parse(Key, CultureInfo.InvariantCulture);

    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id: expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => $"{Type}/{Key}";
}
