using System.Text.Json;

namespace CardActors.Api.Tests;

/// <summary>The OpenAPI document keeps what a generated client needs: every referenced schema says something, enums list their values, problems have their code.</summary>
public sealed class OpenApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Every_referenced_schema_exists_and_is_not_empty_and_every_enum_lists_its_values()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        CollectReferences(document, referenced);
        Assert.NotEmpty(referenced);

        foreach (var name in referenced)
        {
            Assert.True(schemas.TryGetProperty(name, out var schema), $"#/components/schemas/{name} is referenced but missing");
            var says = new[] { "type", "properties", "enum", "allOf", "oneOf", "anyOf", "$ref", "items" }.Any(k => schema.TryGetProperty(k, out _));
            Assert.True(says, $"schema {name} is empty: {schema}");
            if (schema.TryGetProperty("enum", out var values))
            {
                Assert.True(values.GetArrayLength() > 0, $"enum {name} lists no values");
                Assert.All(values.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
            }
        }

        var states = schemas.GetProperty("CardState").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("in production", states);
        Assert.Contains("failed", states);
    }

    [Fact]
    public async Task The_problem_schema_has_code_and_its_extension_members()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var problem = schemas.GetProperty("ProblemDetails");

        var properties = problem.GetProperty("properties");
        foreach (var member in new[] { "type", "title", "status", "detail", "code", "errors", "correlationId", "requiredRoles" })
        {
            Assert.True(properties.TryGetProperty(member, out _), $"ProblemDetails lacks {member}: {problem}");
        }

        Assert.Contains("code", problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = fixture.Host.Client();
        using var response = await client.GetAsync("/openapi/v1.json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static void CollectReferences(JsonElement element, ISet<string> names)
    {
        const string Prefix = "#/components/schemas/";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.GetString() is { } target && target.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        names.Add(target[Prefix.Length..]);
                    }
                    else
                    {
                        CollectReferences(property.Value, names);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectReferences(item, names);
                }

                break;
        }
    }
}
