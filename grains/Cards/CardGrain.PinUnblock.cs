using CardActors.Grains.Security;

namespace CardActors.Grains.Cards;

/*
 * Offline PIN unblock that a PIV card accepts (CardsProcUnblockRemote). The card itself resets its
 * PIN: RESET RETRY COUNTER needs the PUK, which the cluster keeps encrypted. So the operator's
 * client gets the PUK, once, together with a new PUK, and sets the new PUK right after resetting
 * the PIN: the PUK handed out stops working on the card at once. The cluster keeps the new PUK
 * pending (encrypted) and the old one as the card's, until the client confirms; an unblock asked
 * again before that answers the same pair (Resumed), because the card may hold either. The new
 * PIN is typed on the client by the cardholder and never reaches the cluster.
 */

/// <summary><see cref="ICardGrain.StartPinUnblockAsync"/> and <see cref="ICardGrain.ConfirmPinUnblockAsync"/>.</summary>
public sealed partial class CardGrain
{
    public async Task<PinUnblock> StartPinUnblockAsync()
    {
        var (card, _, _, options, transition) = await BeginAsync(CardKind.Permanent, UseCases.CardsProcUnblockRemote);
        await CheckPreconditionsAsync(card, transition, options);
        if (card.EncryptedPuk is null)
        {
            throw new DomainException(ErrorCodes.CardHasNoPuk, ErrorKind.Conflict, $"Card {Id} keeps no PUK.", DomainErrors.Data("cardId", Id));
        }

        var puk = _secrets.Unprotect(card.EncryptedPuk, Id);
        var resumed = card.EncryptedPendingPuk is not null;
        var newPuk = resumed ? _secrets.Unprotect(card.EncryptedPendingPuk!, Id) : CardSecrets.Digits(puk.Length);
        var pending = card.EncryptedPendingPuk ?? _secrets.Protect(newPuk, Id);
        var details = await CommitAsync(Transit(card, transition, c => c with { EncryptedPendingPuk = pending }, new { step = "unblock-started", resumed }));
        return new PinUnblock(Id, puk, newPuk, resumed, details);
    }

    public async Task<CardDetails> ConfirmPinUnblockAsync()
    {
        var card = Existing(CardKind.Permanent);
        if (card.EncryptedPendingPuk is null)
        {
            return CardViews.Details(Id, card);
        }

        return await CommitAsync(Step(card, card with { EncryptedPuk = card.EncryptedPendingPuk, EncryptedPendingPuk = null }, UseCases.CardsProcUnblockRemote, card.State,
            new { step = "unblock-confirmed" }));
    }
}
