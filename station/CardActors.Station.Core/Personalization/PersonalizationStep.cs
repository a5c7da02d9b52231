namespace CardActors.Station.Personalization;

/// <summary>The steps of personalizing a card, in order; a failed job names the one that failed.</summary>
public enum PersonalizationStep
{
    /// <summary>Select PIV, read the serial, wipe the card to its factory state, authenticate with the factory management key.</summary>
    Prepare,
    GenerateKeys,
    IssueCertificates,
    WriteObjects,
    SetPinAndPuk,
    RotateManagementKey,
    VerifyCard,
}
