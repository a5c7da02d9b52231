using System.Diagnostics;

namespace CardActors.Runtime;

/// <summary>A call whose caller awaits a <typeparamref name="TResult"/>; void methods use <see cref="VoidResult"/>.</summary>
internal sealed class GrainRequest<TResult> : GrainRequest
{
    private readonly TaskCompletionSource<TResult> _completion = new();
    private readonly object?[] _arguments;

    public GrainRequest(GrainId target, GrainMethod method, object?[] arguments, CallContext context)
        : base(target, context)
    {
        Method = method;
        _arguments = arguments;
    }

    public override object?[] Arguments => _arguments;

    public Task<TResult> Task => _completion.Task;

    internal override async Task RunAsync(Activation activation)
    {
        CallContext.Current = Context.EnterTurn(activation.GrainId);
        var method = Method!;
        var started = RuntimeMetrics.IsDurationEnabled ? Stopwatch.GetTimestamp() : 0;
        Exception? failure = null;
        TResult result = default!;
        try
        {
            var task = method.Invoke(activation.GrainInstance, _arguments);
            await task;
            if (task is Task<TResult> typed)
            {
                result = typed.Result;
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        RuntimeMetrics.RecordCall(activation.GrainClass, method, started, failure is not null);
        activation.OnTurnCompleted(this);
        Complete(failure, result);
    }

    public override bool SetResult(object? result) => Complete(null, (TResult)result!);

    public override bool SetException(Exception exception) => Complete(exception, default!);

    public override async Task<object?> GetResponseAsync() => await _completion.Task;

    // A caller outside any grain continues inline here, on the activation's thread: its next call
    // then lands in the same work-item slice with no thread-pool hop (see docs/benchmarks.md).
    // That continuation must not run on the grain's context, or the caller's own awaits would be
    // marshalled onto the grain's scheduler.
    private bool Complete(Exception? failure, TResult result)
    {
        var context = SynchronizationContext.Current;
        if (context is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        try
        {
            return failure is null ? _completion.TrySetResult(result) : _completion.TrySetException(failure);
        }
        finally
        {
            if (context is not null)
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }
    }
}
