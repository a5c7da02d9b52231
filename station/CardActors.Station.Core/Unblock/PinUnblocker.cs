using CardActors.Station.Iso7816;
using CardActors.Station.Jobs;
using CardActors.Station.Piv;

namespace CardActors.Station.Unblock;

/*
 * The offline PIN unblock, at the card (see station/README.md, "Unblocking a PIN"):
 *   1. SELECT PIV; the card's CHUID must carry the card id's GUID, so no PUK is asked for the wrong card;
 *   2. the cluster answers the card's PUK and a new PUK (IPinUnblockClient.StartAsync);
 *   3. RESET RETRY COUNTER with the PUK and the new PIN (typed by the cardholder, never sent to the cluster);
 *   4. CHANGE REFERENCE DATA for the PUK, old → new, so the PUK that left the cluster is dead on the card;
 *   5. confirm, and the cluster keeps the new PUK.
 * Resumed (an earlier run stopped between 4 and 5): the card holds the old or the new PUK. The old
 * is tried first; a 63Cx answer costs one PUK try, then the new one is used and step 4 is skipped.
 */

/// <summary>Resets a blocked (or forgotten) PIN on a PIV card with the PUK the cluster keeps.</summary>
public sealed class PinUnblocker(IPinUnblockClient cluster)
{
    /// <summary>Unblocks; returns the PIN tries the card had before. Throws <see cref="PinUnblockException"/> with the reason.</summary>
    public async Task<int> RunAsync(ICardTransport card, string cardId, string newPin, CancellationToken cancellationToken)
    {
        if (newPin.Length is < 6 or > 8 || !newPin.All(char.IsAsciiDigit))
        {
            throw new PinUnblockException("the new PIN must be 6 to 8 digits");
        }

        var piv = new PivClient(card);
        try
        {
            piv.Select();
            var guid = piv.GetData(PivConstants.ChuidTag) is { } chuid ? PivObjects.ChuidGuid(chuid) : null;
            if (guid != PivObjects.CardGuid(cardId))
            {
                throw new PinUnblockException(guid is null
                    ? $"the card in the reader has no CHUID: it is not card {cardId}"
                    : $"the card in the reader is not card {cardId} (its CHUID names {guid})");
            }

            var triesBefore = piv.PinTriesLeft();
            PukPair pair;
            try
            {
                pair = await cluster.StartAsync(cardId, cancellationToken);
            }
            catch (ProductionJobException e)
            {
                throw new PinUnblockException(e.Message, e);
            }

            var sw = piv.ResetRetryCounter(pair.Puk, newPin);
            var pukOnCard = pair.Puk;
            if (sw != StatusWords.Success && pair.Resumed && (sw & 0xFFF0) == StatusWords.VerifyFailedBase)
            {
                sw = piv.ResetRetryCounter(pair.NewPuk, newPin);
                pukOnCard = pair.NewPuk;
            }

            if (sw != StatusWords.Success)
            {
                throw new PinUnblockException(sw == StatusWords.AuthenticationBlocked
                    ? "the card's PUK is blocked: the PIN cannot be reset any more, the card must be replaced"
                    : $"the card refused RESET RETRY COUNTER: {StatusWords.Describe(sw)}");
            }

            if (pukOnCard == pair.Puk)
            {
                sw = piv.ChangeReference(PivConstants.PukReference, pair.Puk, pair.NewPuk);
                if (sw != StatusWords.Success)
                {
                    throw new PinUnblockException($"the PIN was reset, but the card refused the new PUK (CHANGE REFERENCE DATA: {StatusWords.Describe(sw)}); run the unblock again");
                }
            }

            try
            {
                await cluster.ConfirmAsync(cardId, cancellationToken);
            }
            catch (ProductionJobException e)
            {
                throw new PinUnblockException($"the PIN was reset and the new PUK set, but the cluster did not take the confirmation ({e.Message}); run the unblock again to confirm", e);
            }

            return triesBefore;
        }
        catch (CardCommandException e)
        {
            throw new PinUnblockException($"the card refused {e.Message}", e);
        }
    }
}
