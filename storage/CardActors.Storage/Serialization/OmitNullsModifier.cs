using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.Storage.Serialization;

/// <summary>Applies <see cref="OmitNullsAttribute"/>: its types' properties are written only when not null.</summary>
internal static class OmitNullsModifier
{
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.GetCustomAttribute<OmitNullsAttribute>() is null)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
