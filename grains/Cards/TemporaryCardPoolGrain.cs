using CardActors.Grains.Internal;

namespace CardActors.Grains.Cards;

/// <summary>Makes temporary cards in amounts; keeps no state, so it interleaves freely.</summary>
[Reentrant]
public sealed class TemporaryCardPoolGrain : Grain, ITemporaryCardPoolGrain
{
    public const int MaxAmount = 9;

    public Task<IReadOnlyList<CardDetails>> RequestAsync(RequestTemporaryCardsCommand command)
        => CreateAsync(UseCases.TempCardsProcRequest, command.CardType, command.Amount, null, null);

    public async Task<IReadOnlyList<CardDetails>> OrderAsync(OrderTemporaryCardsCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.UserId))
        {
            throw new ValidationFailedException("userId", "required: the user who shall have the cards");
        }

        CheckAmount(command.Amount);
        await GrainFactory.GetGrain<IUserCoordinationGrain>(command.UserId).EnsureActiveAsync();
        return await CreateAsync(UseCases.TempCardsAddonExtProdProcOrder, command.CardType, command.Amount, command.UserId, command.ProductionType);
    }

    private async Task<IReadOnlyList<CardDetails>> CreateAsync(string useCase, string cardType, int amount, string? userId, string? productionType)
    {
        CheckAmount(amount);
        var cards = new List<CardDetails>(amount);
        for (var i = 0; i < amount; i++)
        {
            // The first card checks everything (type, enabled, user); if it is refused, none was made.
            cards.Add(await GrainFactory.GetGrain<ICardCoordinationGrain>(Guid.CreateVersion7().ToString("N")).CreateCardAsync(useCase, userId, cardType, null, productionType));
        }

        return cards;
    }

    private static void CheckAmount(int amount)
    {
        if (amount is < 1 or > MaxAmount)
        {
            throw DomainErrors.AmountOutOfRange(MaxAmount, amount, $"The amount must be 1–{MaxAmount}, not {amount}.");
        }
    }
}
