using System.Text.Json;

namespace CardActors.Bench.Storage;

/// <summary>The baseline serializes its state as the grain storage does: UTF-8 JSON, web defaults, on every write.</summary>
internal static class StatePayload
{
    public const string GrainType = "statebench-raw";
    public const int StateVersion = 1;

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(BenchState state) => JsonSerializer.SerializeToUtf8Bytes(state, s_options);
}
