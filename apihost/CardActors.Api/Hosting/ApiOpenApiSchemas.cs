using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CardActors.Api.Hosting;

/// <summary>
/// Schemas the generator leaves poorer than the wire: enums written by our converters (card states
/// by their domain names, the rest camelCase) come out empty, and problem details lack the
/// extension members clients branch on. A client generated from the document must know both.
/// </summary>
internal static class ApiOpenApiSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum)
        {
            schema.Type = type == enumType ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Enum = [.. ValuesOf(enumType).Select(v => (JsonNode)JsonValue.Create(v))];
        }
        else if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            AddProblemMembers(schema);
        }

        return Task.CompletedTask;
    }

    /// <summary>The names an enum is written with on the wire.</summary>
    public static IEnumerable<string> ValuesOf(Type enumType)
        => enumType == typeof(CardState)
            ? Enum.GetValues<CardState>().Select(s => s.ToDomainName())
            : Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName);

    private static void AddProblemMembers(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable code to branch on, e.g. card.invalid-transition (README, Errors)." };
        schema.Properties["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Names the request in the logs." };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "validation.failed: the messages per field at fault.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Properties["requiredRoles"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "auth.forbidden: the roles the operation admits.",
            Items = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        foreach (var (name, description) in new[]
        {
            ("cardId", "The card the problem is about."),
            ("currentState", "card.invalid-transition: the card's state."),
            ("useCase", "The use case that was refused."),
        })
        {
            schema.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String, Description = description };
        }

        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        schema.Required.Add("code");
        // Refusals name further values of their own (README, Errors).
        schema.AdditionalPropertiesAllowed = true;
    }
}
