namespace CardActors.Runtime.Hosting;

/// <summary>The grain classes a silo hosts; filled by <see cref="SiloBuilderExtensions.AddGrains"/>.</summary>
public sealed class GrainClassOptions
{
    public ISet<Type> GrainClasses { get; } = new HashSet<Type>();
}
