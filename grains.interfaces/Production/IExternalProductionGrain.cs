
namespace CardActors.Grains;

/// <summary>
/// The external producer's side of the domain: one grain, key <see cref="DefaultKey"/>. The API's
/// callback endpoint checks the signature (<c>ProducerCallbackSignature</c> in CardActors.Grains)
/// and hands the event to <see cref="ReceiveStatusAsync"/>.
/// </summary>
[Alias("CardActors.IExternalProductionGrain")]
public interface IExternalProductionGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>
    /// Applies a status event to the ordered card (<c>CardsAddonExtProdProcUpdate</c> /
    /// <c>TempCardsAddonExtProdProcUpdate</c>): ordered → in production → produced, or failed.
    /// Idempotent by event id. <c>card.not-found</c> for an unknown order id. Interleaves with
    /// everything: it keeps no state here, the card grain serializes per card.
    /// </summary>
    [AlwaysInterleave]
    [Alias("ReceiveStatusAsync")]
    Task<ProducerStatusAck> ReceiveStatusAsync(ProducerStatusEvent statusEvent);

    [ReadOnly]
    [Alias("GetDispatcherStatusAsync")]
    Task<DispatcherStatus> GetDispatcherStatusAsync();

    /// <summary>Stops sending queued orders; queued cards stay processing (and can be aborted). Audited.</summary>
    [Alias("PauseDispatcherAsync")]
    Task<DispatcherStatus> PauseDispatcherAsync();

    /// <summary>Audited.</summary>
    [Alias("ResumeDispatcherAsync")]
    Task<DispatcherStatus> ResumeDispatcherAsync();

    /// <summary>Sends the queued orders now (unless paused) and returns how many were sent.</summary>
    [Alias("DispatchNowAsync")]
    Task<int> DispatchNowAsync();
}
