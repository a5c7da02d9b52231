namespace CardActors.Grains.Configuration;

/// <summary>Version 1: the built-in card types, every use case disabled with the documented default options.</summary>
internal static class ConfigurationDefaults
{
    public const string EmployeeCardType = "employee";
    public const string TemporaryCardType = "temporary";

    public static ConfigurationSnapshot Initial(DateTimeOffset now) => new(
        1,
        now,
        DomainRequestContext.SystemOperator,
        "defaults",
        new Dictionary<string, CardTypeConfiguration>(StringComparer.Ordinal)
        {
            [EmployeeCardType] = NewCardType(EmployeeCardType, CardKind.Permanent, CardProfile.DefaultPiv),
            [TemporaryCardType] = NewCardType(TemporaryCardType, CardKind.Temporary, CardProfile.DefaultPiv),
        });

    public static CardTypeConfiguration NewCardType(string name, CardKind kind, CardProfile profile)
        => new(name, kind, profile, UseCases.Configurable(kind).ToDictionary(u => u, _ => new UseCaseSetting(false, UseCaseOptions.Default), StringComparer.Ordinal));
}
