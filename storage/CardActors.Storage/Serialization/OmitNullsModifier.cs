using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.Storage.Serialization;

/// <summary>
/// Applies <see cref="OmitNullsAttribute"/> and <see cref="JsonGrainStorageSerializerOptions.OmitNullsOf"/>:
/// a property is left out when it holds what it reads back as when missing, null or an empty collection.
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

        // A type made with its parameterless constructor starts with its initializers.
        var initial = type.CreateObject?.Invoke();
        foreach (var property in type.Properties)
        {
            if (property.Get is null || (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
                || !ReadsBackWhenMissing(property, initial, out var missing))
            {
                continue;
            }

            if (missing is null && property.IsGetNullable)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
            else if (missing is ICollection { Count: 0 })
            {
                // Null, when declared nullable, is written: it would read back as the empty collection.
                property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
            }
        }
    }

    /// <summary>What System.Text.Json gives a property missing from the JSON: its constructor parameter's default, or the type's initializer.</summary>
    private static bool ReadsBackWhenMissing(JsonPropertyInfo property, object? initial, out object? missing)
    {
        if (property.AssociatedParameter is { } parameter)
        {
            missing = parameter.HasDefaultValue ? parameter.DefaultValue : null;
            return true;
        }

        missing = initial is null ? null : property.Get!(initial);
        return initial is not null;
    }
}
