namespace CardActors.Station.Unblock;

/// <summary>The cluster's side of an offline PIN unblock (<see cref="HttpPinUnblockClient"/> over the API).</summary>
public interface IPinUnblockClient
{
    /// <summary>Starts (or resumes) the unblock of the card: its PUK and a new PUK, once.</summary>
    Task<PukPair> StartAsync(string cardId, CancellationToken cancellationToken);

    /// <summary>The new PUK is on the card; repeating it is harmless.</summary>
    Task ConfirmAsync(string cardId, CancellationToken cancellationToken);
}
