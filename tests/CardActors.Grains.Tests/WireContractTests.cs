using System.Reflection;
using CardActors.Grains.Cards;

namespace CardActors.Grains.Tests;

/// <summary>
/// What keeps a running cluster compatible across renames: every grain interface and method has an
/// [Alias], and every type of ours that crosses a grain call has a generated serializer, an [Alias]
/// and an explicit [Id] on each member it serializes.
/// </summary>
public sealed class WireContractTests
{
    private static readonly Assembly[] s_ours = [typeof(ICardGrain).Assembly, typeof(CardGrain).Assembly, typeof(Api.Security.IApiKeyStoreGrain).Assembly];

    private static readonly Type[] s_grainInterfaces = [.. s_ours.SelectMany(a => a.GetTypes()).Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))];

    public static TheoryData<Type> GrainInterfaces() => new(s_grainInterfaces);

    [Theory]
    [MemberData(nameof(GrainInterfaces))]
    public void A_grain_interface_and_its_methods_have_aliases_and_serializable_types(Type grainInterface)
    {
        Assert.NotNull(grainInterface.GetCustomAttribute<AliasAttribute>());
        foreach (var method in grainInterface.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            Assert.True(method.GetCustomAttribute<AliasAttribute>() is not null, $"{grainInterface.Name}.{method.Name} has no [Alias].");
            foreach (var type in method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType))
            {
                CheckWireType(type, new HashSet<Type>(), $"{grainInterface.Name}.{method.Name}");
            }
        }
    }

    [Fact]
    public void Every_grain_interface_of_ours_is_checked()
        => Assert.True(s_grainInterfaces.Length >= 12, "The grain interfaces were not found.");

    private static void CheckWireType(Type type, HashSet<Type> seen, string where)
    {
        if (!seen.Add(type))
        {
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                CheckWireType(argument, seen, where);
            }

            type = type.GetGenericTypeDefinition();
        }

        if (type.IsArray)
        {
            CheckWireType(type.GetElementType()!, seen, where);
            return;
        }

        if (!s_ours.Contains(type.Assembly))
        {
            return;
        }

        if (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
        {
            // A grain or observer reference: Orleans serializes it as a reference; its own methods are checked as an interface.
            return;
        }

        Assert.True(type.GetCustomAttribute<GenerateSerializerAttribute>() is not null, $"{type.Name} (used by {where}) has no [GenerateSerializer].");
        Assert.True(type.GetCustomAttribute<AliasAttribute>() is not null, $"{type.Name} (used by {where}) has no [Alias].");
        if (type.IsEnum)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(p => p.GetMethod is not null && !p.GetMethod.IsStatic))
        {
            if (property.DeclaringType!.IsAssignableTo(typeof(Exception)) && property.Name is nameof(Exception.Data) or nameof(Exception.Message))
            {
                continue;
            }

            Assert.True(property.GetCustomAttribute<IdAttribute>() is not null, $"{type.Name}.{property.Name} (used by {where}) has no [Id].");
            CheckWireType(property.PropertyType, seen, where);
        }
    }
}
