namespace CardActors.Station.Tests.Support;

/// <summary>
/// A test that needs pcscd with vpcd's two virtual readers. It runs when <c>CARDACTORS_TEST_PCSCD</c>
/// is set (scripts/with-pcscd.sh sets it, and scripts/test.sh runs under it) and is skipped, saying
/// why, when it is not.
/// </summary>
public sealed class PcscFactAttribute : FactAttribute
{
    public const string Variable = "CARDACTORS_TEST_PCSCD";

    public PcscFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"PC/SC test skipped: {Variable} is not set (scripts/test.sh or scripts/with-pcscd.sh starts pcscd with vpcd and sets it).";
        }
    }
}
