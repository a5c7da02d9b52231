using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>The class of a <see cref="DomainException"/>, so the API can pick the HTTP status without knowing every code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorKind>))]
[GenerateSerializer, Alias("CardActors.ErrorKind")]
public enum ErrorKind
{
    /// <summary>400: the command itself is malformed.</summary>
    Validation,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409: the command is well formed but the current state forbids it.</summary>
    Conflict,

    /// <summary>403: the configuration or the four-eyes rule forbids it.</summary>
    Forbidden,

    /// <summary>401: a producer callback whose signature does not verify.</summary>
    Unauthorized,

    /// <summary>503: an outside system (the external producer) did not answer.</summary>
    Unavailable,
}
