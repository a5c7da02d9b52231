
namespace CardActors.Grains;

/// <summary>
/// Creates temporary cards in amounts (1–9, else <c>amount.out-of-range</c>). Stateless: use any
/// key, e.g. "default". Each card is its own <see cref="ITemporaryCardGrain"/> with a new id.
/// </summary>
[Alias("CardActors.ITemporaryCardPoolGrain")]
public interface ITemporaryCardPoolGrain : IGrainWithStringKey
{
    /// <summary><c>TempCardsProcRequest</c>: none → requested, <c>Amount</c> times.</summary>
    [Alias("RequestAsync")]
    Task<IReadOnlyList<CardDetails>> RequestAsync(RequestTemporaryCardsCommand command);

    /// <summary><c>TempCardsAddonExtProdProcOrder</c>: none → processing (queue option) or ordered, <c>Amount</c> times.</summary>
    [Alias("OrderAsync")]
    Task<IReadOnlyList<CardDetails>> OrderAsync(OrderTemporaryCardsCommand command);
}
