using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    [ReadOnly]
    Task<int> Get();

    Task<int> ActivationNumber();
}

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="other"/>, which calls this grain back.</summary>
    Task<string> Ping(ICycleGrain other, int depth);

    /// <summary>Calls <paramref name="target"/>'s Delay <paramref name="calls"/> times at once.</summary>
    Task FanOut(IProbeGrain target, int calls);
}

public interface IProbeGrain : IGrainWithStringKey
{
    Task Delay(TimeSpan delay);

    Task Throw(string message);

    [ReadOnly]
    Task<int> ReadSlowly(TimeSpan delay);

    [AlwaysInterleave]
    Task<int> Peek();

    Task<int> MaxConcurrency();

    Task Deactivate();

    Task<int> StartTimer(TimeSpan period);

    Task<int> TimerTicks();

    Task<GrainId> WhoAmI();

    /// <summary>A timer whose first tick moves the next one to <paramref name="later"/>.</summary>
    Task StartSelfReschedulingTimer(TimeSpan period, TimeSpan later);
}

public interface ISlowStartGrain : IGrainWithStringKey
{
    Task Ping();
}

public interface IReentrantGrain : IGrainWithGuidKey
{
    Task<int> Work(TimeSpan delay);

    Task<int> MaxConcurrency();
}

public interface IStatefulGrain : IGrainWithIntegerKey
{
    Task<StatefulState> Get();

    Task Set(string value, ICounterGrain? friend);

    Task Clear();

    Task<string?> ETag();
}

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task Remind(TimeSpan dueTime, TimeSpan period);

    Task Forget();
}
