using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardActors.Runtime.Tests.Grains;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ContactState))]
public sealed partial class TestStateJsonContext : JsonSerializerContext;
