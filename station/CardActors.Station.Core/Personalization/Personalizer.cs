using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Station.Iso7816;
using CardActors.Station.PcSc;
using CardActors.Station.Piv;
using Microsoft.Extensions.Logging;

namespace CardActors.Station.Personalization;

/// <summary>
/// Personalizes one PIV card for one work order, all or nothing. It starts by wiping the card
/// (see <see cref="CardWiper"/>), so running the same job again on the same card, after any
/// failure, starts from the same factory state: every step is repeatable. Then: generate the
/// keys, have each public key certified, write the certificates and a CHUID carrying the card's
/// GUID, set PIN and PUK, replace the factory management key with the per-card one, and read
/// everything back. When a step fails the card is wiped again before the result is returned,
/// so it is never left half-valid; when the card was pulled that cannot happen here, and the
/// result says so (<see cref="PersonalizationResult.CardRemoved"/>): the caller wipes it when it
/// comes back. PINs, PUKs and keys are never logged or put into a message.
/// </summary>
public sealed partial class Personalizer(ICertificateIssuer issuer, ILogger<Personalizer> logger)
{
    public async Task<PersonalizationResult> RunAsync(ICardTransport card, WorkOrder order, IProgress<PersonalizationProgress>? progress, CancellationToken cancellationToken)
    {
        var piv = new PivClient(card);
        var step = PersonalizationStep.Prepare;
        var stepClock = Stopwatch.StartNew();
        void Report(string message, bool finished = false, bool failed = false) => progress?.Report(new PersonalizationProgress(step, message, stepClock.Elapsed, finished, failed));
        void Begin(PersonalizationStep next, string message)
        {
            step = next;
            stepClock.Restart();
            LogStep(logger, order.JobId, PersonalizationSteps.Describe(next));
            Report(message);
        }

        void End(string message) => Report(message, finished: true);

        try
        {
            Begin(PersonalizationStep.Prepare, "selecting PIV and wiping the card");
            piv.Select();
            var serial = piv.GetSerial()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? PivObjects.CardGuid(order.CardId).ToString("N");
            if (!order.Encode)
            {
                End($"print-only job: card {serial} left as it is");
                return PersonalizationResult.Done(serial, []);
            }

            var secrets = Validate(order);
            CardWiper.Wipe(piv, [order.Pin, order.Puk]);
            piv.Select();
            piv.Authenticate(ManagementKeyAlgorithm.TripleDes, Convert.FromHexString(PivConstants.FactoryManagementKeyHex));
            End($"card {serial} wiped and authenticated with the factory management key");

            var publicKeys = new List<(SlotRequest Request, byte Slot, byte[] PublicKey)>();
            Begin(PersonalizationStep.GenerateKeys, $"generating {order.Slots.Count} key(s)");
            for (var i = 0; i < order.Slots.Count; i++)
            {
                var request = order.Slots[i];
                Report($"generating key {i + 1} of {order.Slots.Count} ({request.Slot}, {request.Algorithm})");
                var slot = PivConstants.ParseSlot(request.Slot);
                publicKeys.Add((request, slot, piv.GenerateKey(slot, PivAlgorithms.ParseKey(request.Algorithm))));
            }

            End($"generated {order.Slots.Count} key(s)");

            Begin(PersonalizationStep.IssueCertificates, "asking the certificate authority for certificates");
            var certificates = new List<(byte Slot, byte[] Der, string Serial)>();
            foreach (var (request, slot, publicKey) in publicKeys)
            {
                Report($"certificate for {request.Slot} ({request.CertificateTemplate})");
                var der = await issuer.IssueAsync(new CertificateIssueRequest(order.CardId, order.JobId, request.Slot, request.CertificateTemplate, publicKey), cancellationToken);
                using var certificate = X509CertificateLoader.LoadCertificate(der);
                if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey))
                {
                    throw new InvalidOperationException($"the certificate issued for slot {request.Slot} does not carry the key generated on the card");
                }

                certificates.Add((slot, der, certificate.SerialNumber));
            }

            End($"{certificates.Count} certificate(s) issued");

            Begin(PersonalizationStep.WriteObjects, "writing certificates and CHUID");
            foreach (var (slot, der, _) in certificates)
            {
                piv.PutData(PivConstants.CertificateObject(slot), PivObjects.Certificate(der));
            }

            var guid = PivObjects.CardGuid(order.CardId);
            piv.PutData(PivConstants.ChuidTag, PivObjects.Chuid(guid, DateOnly.FromDateTime(DateTime.UtcNow.AddYears(5))));
            End($"wrote {certificates.Count} certificate(s) and the CHUID");

            Begin(PersonalizationStep.SetPinAndPuk, "setting PIN and PUK");
            Expect(piv.ChangeReference(PivConstants.PinReference, PivConstants.FactoryPin, secrets.Pin), "CHANGE REFERENCE DATA (PIN)");
            Expect(piv.ChangeReference(PivConstants.PukReference, PivConstants.FactoryPuk, secrets.Puk), "CHANGE REFERENCE DATA (PUK)");
            End("PIN and PUK set");

            Begin(PersonalizationStep.RotateManagementKey, "replacing the factory management key");
            piv.SetManagementKey(secrets.Algorithm, secrets.Key);
            End("per-card management key set");

            Begin(PersonalizationStep.VerifyCard, "reading everything back");
            piv.Select();
            piv.Authenticate(secrets.Algorithm, secrets.Key);
            foreach (var (slot, der, _) in certificates)
            {
                var stored = piv.GetData(PivConstants.CertificateObject(slot)) is { } value ? PivObjects.CertificateDer(value) : null;
                if (stored is null || !stored.AsSpan().SequenceEqual(der))
                {
                    throw new InvalidOperationException($"the certificate read back from slot {slot:X2} is not the one written");
                }
            }

            if (piv.GetData(PivConstants.ChuidTag) is not { } chuid || PivObjects.ChuidGuid(chuid) != guid)
            {
                throw new InvalidOperationException("the CHUID read back does not carry the card's GUID");
            }

            Expect(piv.VerifyPin(secrets.Pin), "VERIFY (new PIN)");
            Expect(piv.ChangeReference(PivConstants.PukReference, secrets.Puk, secrets.Puk), "CHANGE REFERENCE DATA (check PUK)");
            End("certificates, CHUID, PIN, PUK and management key read back");
            LogDone(logger, order.JobId, serial);
            return PersonalizationResult.Done(serial, [.. certificates.Select(c => c.Serial)]);
        }
        catch (Exception e) when (e is CardCommandException or PcScException or InvalidOperationException or FormatException or ArgumentException or CryptographicException or Jobs.ProductionJobException)
        {
            var removed = e is PcScException { Failure: PcScFailure.CardRemoved or PcScFailure.NoCard or PcScFailure.CardUnresponsive or PcScFailure.NoService or PcScFailure.UnknownReader or PcScFailure.CardReset };
            var reason = $"step \"{PersonalizationSteps.Describe(step)}\" failed: {e.Message}";
            LogFailed(logger, order.JobId, reason);
            var reset = !removed && TryWipe(piv, order);
            Report(reason + (reset ? "; the card was wiped to its factory state" : removed ? "; the card is gone and must be wiped when it is back" : "; the card could not be wiped"), finished: true, failed: true);
            return new PersonalizationResult(false, null, [], step, reason, reset, removed);
        }
    }

    /// <summary>Wipes the card to its factory state; false when that fails too (the card is then unusable until wiped).</summary>
    public bool TryWipe(PivClient piv, WorkOrder? order)
    {
        try
        {
            piv.Select();
            CardWiper.Wipe(piv, [order?.Pin, order?.Puk]);
            return true;
        }
        catch (Exception e) when (e is CardCommandException or PcScException)
        {
            LogWipeFailed(logger, order?.JobId ?? "", e.Message);
            return false;
        }
    }

    private static (string Pin, string Puk, ManagementKeyAlgorithm Algorithm, byte[] Key) Validate(WorkOrder order)
    {
        if (order.Pin is not { Length: >= 6 and <= 8 } pin || order.Puk is not { Length: >= 6 and <= 8 } puk)
        {
            throw new ArgumentException("the work order's PIN or PUK is missing or not 6 to 8 characters long");
        }

        if (string.IsNullOrEmpty(order.ManagementKey))
        {
            throw new ArgumentException("the work order has no management key");
        }

        var algorithm = PivAlgorithms.ParseManagementKey(order.ManagementKeyAlgorithm);
        byte[] key;
        try
        {
            key = Convert.FromHexString(order.ManagementKey);
        }
        catch (FormatException)
        {
            throw new ArgumentException("the work order's management key is not hex");
        }

        if (key.Length != PivAlgorithms.KeyLength(algorithm))
        {
            throw new ArgumentException($"the work order's management key has {key.Length} bytes, {algorithm} needs {PivAlgorithms.KeyLength(algorithm)}");
        }

        foreach (var slot in order.Slots)
        {
            _ = PivConstants.ParseSlot(slot.Slot);
            _ = PivAlgorithms.ParseKey(slot.Algorithm);
        }

        return (pin, puk, algorithm, key);
    }

    private static void Expect(ushort sw, string command)
    {
        if (sw != StatusWords.Success)
        {
            throw new CardCommandException(command, sw);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Step}")]
    private static partial void LogStep(ILogger logger, string jobId, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: card {Serial} personalized")]
    private static partial void LogDone(ILogger logger, string jobId, string serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: the card could not be wiped: {Reason}")]
    private static partial void LogWipeFailed(ILogger logger, string jobId, string reason);
}
