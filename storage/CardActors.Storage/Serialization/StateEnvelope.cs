using System.Text.Json;

namespace CardActors.Storage.Serialization;

/// <summary>The property names of the stored envelope <c>{"v":n,"state":...}</c>; short, since every row carries them.</summary>
public static class StateEnvelope
{
    public static readonly JsonEncodedText VersionProperty = JsonEncodedText.Encode("v");

    public static readonly JsonEncodedText StateProperty = JsonEncodedText.Encode("state");
}
