namespace CardActors.Grains.Tests;

/// <summary>A card profile is checked whole before it is stored: a bad one would break every later issue of its type.</summary>
public sealed class ConfigurationValidationTests : DomainTest
{
    public static TheoryData<string, CardProfile> BadProfiles => new()
    {
        { "profile.keySlots", new CardProfile("PIV", null!, "AES256") },
        { "profile.keySlots", new CardProfile("PIV", [], "AES256") },
        { "profile.keySlots[1]", new CardProfile("PIV", [new KeySlotProfile("9A", "ECCP256", "authentication"), null!], "AES256") },
        { "profile.keySlots[0]", new CardProfile("PIV", [new KeySlotProfile("9A", null!, "authentication")], "AES256") },
        { "profile.keySlots[1]", new CardProfile("PIV", [new KeySlotProfile("9A", "ECCP256", "a"), new KeySlotProfile("9A", "ECCP256", "b")], "AES256") },
        { "profile.application", new CardProfile(null!, [new KeySlotProfile("9A", "ECCP256", "authentication")], "AES256") },
        { "profile.managementKeyAlgorithm", new CardProfile("PIV", [new KeySlotProfile("9A", "ECCP256", "authentication")], null!) },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public async Task A_bad_profile_is_refused_naming_the_field_and_changes_nothing(string field, CardProfile profile)
    {
        Operators.Act("admin");
        var before = await Scenario.Config.GetAsync();

        var refused = (ValidationFailedException)await RefusedAsync(ErrorCodes.ValidationFailed,
            () => Scenario.Config.DefineCardTypeAsync(new DefineCardTypeCommand(Scenario.EmployeeDirect, CardKind.Permanent, profile)));

        Assert.Contains(field, refused.Fields.Keys);
        Assert.Equal(before.Version, (await Scenario.Config.GetAsync()).Version);
        Assert.Equal(CardState.Registered, (await Scenario.PermanentInAsync(CardState.Registered)).State);
    }
}
