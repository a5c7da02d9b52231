using System.Security.Cryptography;
using CardActors.Station.Iso7816;
using CardActors.Station.Piv;

namespace CardActors.Station.Personalization;

/// <summary>
/// Puts a PIV card back to its factory state without knowing any of its secrets: block the PIN
/// with wrong PINs, block the PUK with wrong PUKs, then the reset command (INS FB) that
/// YubiKey-compatible cards (and our virtual card) accept only in that state. It works whatever
/// a failed or abandoned job left on the card, including a management key from an earlier claim
/// that nobody knows any more. Cards without that reset command are not supported for now.
/// </summary>
public static class CardWiper
{
    private const int MaxTries = 16;

    public static void Wipe(PivClient piv, IReadOnlyCollection<string?> knownSecrets)
    {
        Block(knownSecrets, wrong => piv.VerifyPin(wrong), "PIN");
        Block(knownSecrets, wrong => piv.ChangeReference(PivConstants.PukReference, wrong, wrong), "PUK");
        var sw = piv.Reset();
        if (sw != StatusWords.Success)
        {
            throw new CardCommandException("RESET (PIV application)", sw);
        }
    }

    private static void Block(IReadOnlyCollection<string?> knownSecrets, Func<string, ushort> attempt, string what)
    {
        for (var i = 0; i < MaxTries; i++)
        {
            var wrong = WrongValue(knownSecrets);
            var sw = attempt(wrong);
            if (sw == StatusWords.AuthenticationBlocked || sw == StatusWords.VerifyFailed(0))
            {
                return;
            }

            if ((sw & 0xFFF0) != StatusWords.VerifyFailedBase && sw != StatusWords.Success)
            {
                throw new CardCommandException($"blocking the {what} for the reset", sw);
            }
        }

        throw new CardCommandException($"blocking the {what} for the reset: still not blocked after {MaxTries} wrong tries");
    }

    /// <summary>An 8-digit value that is none of the secrets we know, so each try is surely wrong.</summary>
    private static string WrongValue(IReadOnlyCollection<string?> knownSecrets)
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!knownSecrets.Contains(candidate) && candidate != PivConstants.FactoryPin && candidate != PivConstants.FactoryPuk)
            {
                return candidate;
            }
        }
    }
}
