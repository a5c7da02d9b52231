using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.Storage.Serialization;

/// <summary>
/// Applies <see cref="OmitNullsAttribute"/> and <see cref="JsonGrainStorageSerializerOptions.OmitNullsOf"/>:
/// their types' properties are written only when not null.
/// </summary>
internal sealed class OmitNullsModifier(IEnumerable<Type> alsoOf)
{
    private readonly HashSet<Type> _alsoOf = [.. alsoOf];

    public void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || (type.Type.GetCustomAttribute<OmitNullsAttribute>() is null && !_alsoOf.Contains(type.Type)))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            // Only what is declared nullable: a non-nullable property with an initializer ("" or [])
            // would read back as that, not as the null it held.
            if ((!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null) && property.IsGetNullable)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
