using System.Reflection;

namespace CardActors.Runtime;

internal sealed class GrainMethod<TResult>(MethodInfo method) : GrainMethod(method)
{
    public override Type ResultType => typeof(TResult);

    public override GrainRequest CreateRequest(GrainId target, object?[] arguments, CallContext context)
        => new GrainRequest<TResult>(target, this, arguments, context);

    internal override Task Call(GrainId target, IGrainCallInvoker invoker, object?[] arguments)
    {
        var request = new GrainRequest<TResult>(target, this, arguments, CallContext.ForOutgoingCall());
        invoker.Invoke(request);
        return request.Task;
    }
}
