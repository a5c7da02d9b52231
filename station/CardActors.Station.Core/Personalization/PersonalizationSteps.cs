namespace CardActors.Station.Personalization;

/// <summary>The steps' names as an operator reads them.</summary>
public static class PersonalizationSteps
{
    public static string Describe(PersonalizationStep step) => step switch
    {
        PersonalizationStep.Prepare => "prepare the card",
        PersonalizationStep.GenerateKeys => "generate keys",
        PersonalizationStep.IssueCertificates => "issue certificates",
        PersonalizationStep.WriteObjects => "write certificates and CHUID",
        PersonalizationStep.SetPinAndPuk => "set PIN and PUK",
        PersonalizationStep.RotateManagementKey => "rotate the management key",
        PersonalizationStep.VerifyCard => "verify the card",
        _ => step.ToString(),
    };
}
