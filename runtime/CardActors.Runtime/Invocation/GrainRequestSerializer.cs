using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CardActors.Runtime;

/*
 * The wire form of grain calls, for invokers that cross process boundaries.
 *
 *   request:  { "target": "card/42", "interface": "CardActors...ICardGrain", "method": "Approve",
 *               "chain": 123, "path": ["batchorder/7"], "context": { "correlation-id": "..." },
 *               "arguments": [ ... ] }
 *   response: { "result": ... }  or  { "error": { "type": "System.ArgumentException", "message": "..." } }
 *
 * Arguments and results are written with the grain state serializer's options, so grain
 * references travel as grain ids and source-generated JSON contexts apply. An exception comes
 * back as the same type when that type has a message constructor, and as a
 * RemoteGrainException naming the original type otherwise: either way the caller sees its
 * type and message.
 */
public sealed class GrainRequestSerializer(GrainStateSerializer stateSerializer)
{
    private JsonSerializerOptions Options => stateSerializer.Options;

    public byte[] SerializeRequest(GrainRequest request)
    {
        var method = request.Method ?? throw new ArgumentException("Only calls of grain methods travel; timer ticks stay in their activation.", nameof(request));
        var arguments = new JsonArray();
        for (var i = 0; i < method.ParameterTypes.Count; i++)
        {
            arguments.Add(JsonSerializer.SerializeToNode(request.Arguments[i], method.ParameterTypes[i], Options));
        }

        var context = new JsonObject();
        foreach (var (key, value) in request.Context.Items ?? ImmutableDictionary<string, string>.Empty)
        {
            context[key] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["target"] = request.Target.ToString(),
            ["interface"] = method.InterfaceName,
            ["method"] = method.Name,
            ["chain"] = request.Context.ChainId,
            ["path"] = new JsonArray([.. request.Context.Path.Select(g => (JsonNode)g.ToString())]),
            ["context"] = context,
            ["arguments"] = arguments,
        }, Options);
    }

    public GrainRequest DeserializeRequest(ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("A grain request must be a JSON object.");
        var interfaceName = (string?)node["interface"] ?? throw new JsonException("A grain request names no interface.");
        var methodName = (string?)node["method"] ?? throw new JsonException("A grain request names no method.");
        var method = GrainMethod.Find(interfaceName, methodName)
            ?? throw new JsonException($"Unknown grain method {interfaceName}.{methodName}.");
        var arguments = node["arguments"]?.AsArray() ?? [];
        if (arguments.Count != method.ParameterTypes.Count)
        {
            throw new JsonException($"{method.DisplayName} takes {method.ParameterTypes.Count} arguments, the request has {arguments.Count}.");
        }

        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Deserialize(method.ParameterTypes[i], Options);
        }

        var items = node["context"]?.AsObject().ToImmutableDictionary(p => p.Key, p => (string)p.Value!);
        var path = node["path"]?.AsArray().Select(p => GrainId.Parse((string?)p ?? throw new JsonException("A call path holds a null grain id."))) ?? [];
        var context = CallContext.Create((long?)node["chain"] ?? CallContext.NewChain(null).ChainId, items is { Count: > 0 } ? items : null, path);
        return method.CreateRequest(GrainId.Parse((string?)node["target"] ?? throw new JsonException("A grain request names no target.")), values, context);
    }

    /// <summary>Waits for the request's response and writes it.</summary>
    public async Task<byte[]> SerializeResponseAsync(GrainRequest request)
    {
        JsonObject response;
        try
        {
            var result = await request.GetResponseAsync();
            response = new JsonObject { ["result"] = JsonSerializer.SerializeToNode(result, request.Method!.ResultType, Options) };
        }
        catch (Exception exception)
        {
            response = new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = exception.GetType().FullName, ["message"] = exception.Message },
            };
        }

        return JsonSerializer.SerializeToUtf8Bytes(response, Options);
    }

    /// <summary>Completes <paramref name="request"/> (the caller's side) with a response written by <see cref="SerializeResponseAsync"/>.</summary>
    public void CompleteWithResponse(GrainRequest request, ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("A grain response must be a JSON object.");
        if (node["error"] is JsonObject error)
        {
            request.SetException(RemoteGrainException.Recreate((string?)error["type"] ?? "", (string?)error["message"] ?? ""));
        }
        else
        {
            request.SetResult(node["result"].Deserialize(request.Method!.ResultType, Options));
        }
    }
}
