using System.Linq.Expressions;
using System.Reflection;

namespace CardActors.Runtime;

/// <summary>
/// A grain interface method, resolved once: its flags, the compiled delegate that calls it on a
/// grain instance, and the factory of the typed request a proxy sends.
/// </summary>
public abstract class GrainMethod
{
    private protected GrainMethod(MethodInfo method)
    {
        MethodInfo = method;
        InterfaceName = method.DeclaringType!.FullName!;
        Name = method.Name;
        DisplayName = $"{method.DeclaringType!.Name}.{method.Name}";
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute));
        IsAlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute));
        ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType)];
        Invoke = CompileInvoker(method);
    }

    public MethodInfo MethodInfo { get; }

    /// <summary>Full name of the declaring interface: the <c>interface</c> of a serialized request.</summary>
    public string InterfaceName { get; }

    public string Name { get; }

    /// <summary>"ICardGrain.Approve": used in metrics and error messages.</summary>
    public string DisplayName { get; }

    public bool IsReadOnly { get; }

    public bool IsAlwaysInterleave { get; }

    public IReadOnlyList<Type> ParameterTypes { get; }

    public abstract Type ResultType { get; }

    internal Func<object, object?[], Task> Invoke { get; }

    /// <summary>Creates the request for a call of this method with the given arguments.</summary>
    public abstract GrainRequest CreateRequest(GrainId target, object?[] arguments, CallContext context);

    /// <summary>Sends a call and returns the task the proxy hands back to its caller.</summary>
    internal abstract Task Call(GrainId target, IGrainCallInvoker invoker, object?[] arguments);

    /// <summary>Finds a method by the names a serialized request carries.</summary>
    public static GrainMethod? Find(string interfaceName, string methodName) => GrainInterface.FindMethod(interfaceName, methodName);

    internal static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        Type resultType;
        if (returnType == typeof(Task))
        {
            resultType = typeof(VoidResult);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            resultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            throw new InvalidOperationException(
                $"Grain method {method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}: grain methods must return Task or Task<T>.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new InvalidOperationException(
                $"Grain method {method.DeclaringType!.Name}.{method.Name} has a ref or out parameter: grain calls are messages, pass values.");
        }

        return (GrainMethod)Activator.CreateInstance(typeof(GrainMethod<>).MakeGenericType(resultType), method)!;
    }

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, arguments).Compile();
    }
}
