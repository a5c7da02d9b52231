namespace CardActors.Runtime;

/// <summary>An exception thrown by a grain in another process whose type cannot be recreated here.</summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException(string originalType, string message) : base(message) => OriginalType = originalType;

    public RemoteGrainException() { }

    public RemoteGrainException(string message) : base(message) { }

    public RemoteGrainException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The full name of the exception type the grain threw.</summary>
    public string OriginalType { get; } = "";

    /// <summary>The same exception type with the same message where that type allows it; a RemoteGrainException otherwise.</summary>
    internal static Exception Recreate(string typeName, string message)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null && typeof(Exception).IsAssignableFrom(t));
        // (message, inner) first: for the ArgumentException family a lone string is the parameter name.
        if (type?.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
        {
            return (Exception)withInner.Invoke([message, null]);
        }

        if (type?.GetConstructor([typeof(string)]) is { } constructor)
        {
            return (Exception)constructor.Invoke([message]);
        }

        return new RemoteGrainException(typeName, message);
    }
}
