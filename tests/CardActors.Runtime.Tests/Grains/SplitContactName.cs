using System.Text.Json.Nodes;
using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed class SplitContactName : IStateMigration
{
    public Type StateType => typeof(ContactState);

    public int FromVersion => 1;

    public JsonNode Migrate(JsonNode state)
    {
        var name = ((string?)state["name"] ?? "").Split(' ', 2);
        return new JsonObject { ["firstName"] = name[0], ["lastName"] = name.Length > 1 ? name[1] : "" };
    }
}
