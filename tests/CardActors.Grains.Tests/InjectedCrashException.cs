namespace CardActors.Grains.Tests;

[GenerateSerializer, Alias("CardActors.Tests.InjectedCrashException")]
public sealed class InjectedCrashException : Exception
{
    public InjectedCrashException()
    {
    }

    public InjectedCrashException(string message)
        : base(message)
    {
    }

    public InjectedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
