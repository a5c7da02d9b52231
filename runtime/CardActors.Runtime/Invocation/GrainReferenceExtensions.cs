namespace CardActors.Runtime;

public static class GrainReferenceExtensions
{
    /// <summary>The id of the grain a reference addresses.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        GrainReference reference => reference.GrainId,
        Grain instance => instance.GrainId,
        _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain reference nor a grain.", nameof(grain)),
    };
}
