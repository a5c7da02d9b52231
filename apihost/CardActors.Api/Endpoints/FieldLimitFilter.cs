using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace CardActors.Api.Endpoints;

/// <summary>
/// Holds every string a request brings to <see cref="FieldLimits"/>: route values, query values and
/// the string members of the bound body, however deep. One filter on the whole API instead of a
/// check per endpoint, so that no field is forgotten; over a limit is 400 <c>validation.failed</c>
/// naming the field, before any grain is called.
/// </summary>
internal sealed class FieldLimitFilter : IEndpointFilter
{
    private const int MaxDepth = 6;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var request = context.HttpContext.Request;
        foreach (var (name, value) in request.RouteValues)
        {
            Check(errors, name, value as string);
        }

        foreach (var (name, values) in request.Query)
        {
            foreach (var value in values)
            {
                Check(errors, name, value);
            }
        }

        foreach (var argument in context.Arguments)
        {
            if (argument is not null && IsContract(argument.GetType()))
            {
                Walk(errors, "", argument, 0);
            }
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : next(context);
    }

    private static bool IsContract(Type type) => type.Namespace?.StartsWith("CardActors.", StringComparison.Ordinal) == true && !type.IsEnum && !type.IsPrimitive;

    private static void Walk(Dictionary<string, string[]> errors, string path, object value, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = path + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            switch (property.GetValue(value))
            {
                case string text:
                    Check(errors, name, text);
                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        Check(errors, name, entry.Key as string);
                        Element(errors, $"{name}.{entry.Key}", entry.Value, depth);
                    }

                    break;
                case IEnumerable items when property.PropertyType != typeof(string):
                    var i = 0;
                    foreach (var item in items)
                    {
                        Element(errors, $"{name}[{i++}]", item, depth);
                    }

                    break;
                case { } nested when IsContract(nested.GetType()):
                    Walk(errors, name + ".", nested, depth + 1);
                    break;
            }
        }
    }

    private static void Element(Dictionary<string, string[]> errors, string name, object? item, int depth)
    {
        if (item is string text)
        {
            Check(errors, name, text);
        }
        else if (item is not null && IsContract(item.GetType()))
        {
            Walk(errors, name + ".", item, depth + 1);
        }
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value)
    {
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        var limit = FieldLimits.IsFreeText(leaf) ? FieldLimits.MaxFreeText : FieldLimits.IsEncoded(leaf) ? FieldLimits.MaxEncoded : FieldLimits.MaxText;
        if (value is not null && value.Length > limit)
        {
            errors[field] = [$"The field must be at most {limit} characters; it has {value.Length}."];
        }
    }
}
