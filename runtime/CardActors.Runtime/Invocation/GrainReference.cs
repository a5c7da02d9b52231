using System.Reflection;

namespace CardActors.Runtime;

/// <summary>
/// The object behind every grain reference: a proxy that implements the grain interface and
/// turns each call into a <see cref="GrainRequest"/>. Two references are equal when they
/// address the same grain.
/// </summary>
public class GrainReference : DispatchProxy, IAddressable
{
    private GrainInterface _interface = null!;
    private IGrainCallInvoker _invoker = null!;

    public GrainId GrainId { get; private set; }

    public Type InterfaceType => _interface.Type;

    internal static IAddressable Create(GrainInterface grainInterface, GrainId grainId, IGrainCallInvoker invoker)
    {
        var proxy = (GrainReference)Create(grainInterface.Type, typeof(GrainReference));
        proxy._interface = grainInterface;
        proxy.GrainId = grainId;
        proxy._invoker = invoker;
        return (IAddressable)proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        => _interface.GetMethod(targetMethod!).Call(GrainId, _invoker, args ?? []);

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{_interface.Type.Name}:{GrainId}";
}
