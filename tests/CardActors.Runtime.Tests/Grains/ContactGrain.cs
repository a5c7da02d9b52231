using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public interface IContactGrain : IGrainWithStringKey
{
    Task<ContactState> Get();
}

/// <summary>Version 2 split version 1's "name" into first and last name.</summary>
[StateVersion(2)]
public sealed record ContactState
{
    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";
}

public sealed class ContactGrain([PersistentState("contact")] IPersistentState<ContactState> state) : Grain, IContactGrain
{
    public Task<ContactState> Get() => Task.FromResult(state.State);
}
