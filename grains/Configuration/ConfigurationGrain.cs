using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;

namespace CardActors.Grains.Configuration;

public sealed class ConfigurationGrain : Grain, IConfigurationGrain, IOutboxGrain
{
    private readonly IPersistentState<ConfigurationRecord> _state;
    private readonly TimeProvider _time;
    private readonly OutboxCommitter<ConfigurationRecord> _outbox;

    public ConfigurationGrain([PersistentState("configuration")] IPersistentState<ConfigurationRecord> state, OutboxDrainer drainer, TimeProvider time)
    {
        _state = state;
        _time = time;
        _outbox = new OutboxCommitter<ConfigurationRecord>(state, drainer, () => this.GetGrainId());
    }

    /// <summary>Older versions read during this activation (versions never change once committed).</summary>
    private readonly Dictionary<int, ConfigurationSnapshot> _older = [];

    private ConfigurationSnapshot Current => _state.State.Current!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Versions.Count > 0)
        {
            // A row from before versions had grains of their own: move them there, keep the current one.
            foreach (var version in _state.State.Versions)
            {
                await Version(version.Version).StoreAsync(version);
            }

            _state.State = _state.State with { Current = _state.State.Versions[^1], Versions = [] };
            await _state.WriteStateAsync(cancellationToken);
        }
        else if (_state.State.Current is null)
        {
            // Version 1 is written once, so every later read of it sees the same timestamp.
            var initial = ConfigurationDefaults.Initial(_time.GetUtcNow());
            await Version(initial.Version).StoreAsync(initial);
            _state.State = _state.State with { Current = initial };
            await _state.WriteStateAsync(cancellationToken);
        }

        await _outbox.TryDrainAsync();
    }

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    public Task<ConfigurationSnapshot> GetAsync() => Task.FromResult(Current);

    public async Task<ConfigurationSnapshot> GetVersionAsync(int version)
    {
        if (version == Current.Version)
        {
            return Current;
        }

        if (version < 1 || version > Current.Version)
        {
            throw new ValidationFailedException("version", $"must be 1–{Current.Version}");
        }

        if (!_older.TryGetValue(version, out var older))
        {
            older = await Version(version).GetAsync() ?? throw new InvalidOperationException($"Configuration version {version} is missing from its grain.");
            _older[version] = older;
        }

        return older;
    }

    private IConfigurationVersionGrain Version(int version) => GrainFactory.GetGrain<IConfigurationVersionGrain>(version);

    public Task<ConfigurationSnapshot> DefineCardTypeAsync(DefineCardTypeCommand command)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 64)
        {
            problems["name"] = ["must be 1–64 characters"];
        }

        if (command.Profile is { } profile)
        {
            foreach (var (field, problem) in ProfileProblems(profile))
            {
                problems[field] = [problem];
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        var types = new Dictionary<string, CardTypeConfiguration>(Current.CardTypes, StringComparer.Ordinal);
        if (types.TryGetValue(command.Name, out var existing))
        {
            if (existing.Kind != command.Kind)
            {
                throw new ValidationFailedException("kind", $"card type {command.Name} is {existing.Kind}; its kind cannot change");
            }

            types[command.Name] = existing with { Profile = command.Profile ?? existing.Profile };
        }
        else
        {
            types[command.Name] = ConfigurationDefaults.NewCardType(command.Name, command.Kind, command.Profile ?? CardProfile.DefaultPiv);
        }

        return ChangeAsync(command.ExpectedVersion, types, $"card type {command.Name} defined");
    }

    /// <summary>
    /// What is wrong with a profile. It arrives from outside (JSON can carry nulls where the contract
    /// has none), and every job of the type is built from it: a bad one stored here would break every
    /// later issue of the type, so it is refused whole.
    /// </summary>
    private static IEnumerable<(string Field, string Problem)> ProfileProblems(CardProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.Application))
        {
            yield return ("profile.application", "required");
        }

        if (string.IsNullOrWhiteSpace(profile.ManagementKeyAlgorithm))
        {
            yield return ("profile.managementKeyAlgorithm", "required");
        }

        if (profile.KeySlots is not { Count: > 0 } slots)
        {
            yield return ("profile.keySlots", "needs at least one key slot");
            yield break;
        }

        for (var i = 0; i < slots.Count; i++)
        {
            var field = $"profile.keySlots[{i}]";
            if (slots[i] is not { } slot)
            {
                yield return (field, "must not be null");
            }
            else if (string.IsNullOrWhiteSpace(slot.Slot) || string.IsNullOrWhiteSpace(slot.Algorithm) || string.IsNullOrWhiteSpace(slot.CertificateTemplate))
            {
                yield return (field, "needs slot, algorithm and certificateTemplate");
            }
            else if (slots.Take(i).Any(other => other?.Slot == slot.Slot))
            {
                yield return (field, $"slot {slot.Slot} appears twice");
            }
        }
    }

    public Task<ConfigurationSnapshot> SetUseCaseAsync(SetUseCaseCommand command)
    {
        var cardType = Current.CardType(command.CardType);
        if (!cardType.UseCases.TryGetValue(command.UseCase, out var setting))
        {
            throw new ValidationFailedException("useCase", $"{command.UseCase} is not a configurable use case of {cardType.Kind} card types");
        }

        var options = command.Options ?? setting.Options;
        Validate(options);
        var useCases = new Dictionary<string, UseCaseSetting>(cardType.UseCases, StringComparer.Ordinal) { [command.UseCase] = new(command.Enabled, options) };
        var types = new Dictionary<string, CardTypeConfiguration>(Current.CardTypes, StringComparer.Ordinal) { [cardType.Name] = cardType with { UseCases = useCases } };
        return ChangeAsync(command.ExpectedVersion, types, $"{command.UseCase} of {cardType.Name} {(command.Enabled ? "enabled" : "disabled")}");
    }

    public Task<ConfigurationSnapshot> EnableUseCasesAsync(string cardType, IReadOnlyList<string> useCases)
    {
        var type = Current.CardType(cardType);
        var unknown = useCases.Where(u => !type.UseCases.ContainsKey(u)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("useCases", $"not use cases of {type.Kind} card types: {string.Join(", ", unknown)}");
        }

        var settings = new Dictionary<string, UseCaseSetting>(type.UseCases, StringComparer.Ordinal);
        foreach (var useCase in useCases)
        {
            settings[useCase] = settings[useCase] with { Enabled = true };
        }

        var types = new Dictionary<string, CardTypeConfiguration>(Current.CardTypes, StringComparer.Ordinal) { [type.Name] = type with { UseCases = settings } };
        return ChangeAsync(null, types, $"enabled for {type.Name}: {string.Join(", ", useCases)}");
    }

    private static void Validate(UseCaseOptions options)
    {
        var problems = new Dictionary<string, string[]>();
        if (options.PinLength is < 4 or > 8)
        {
            problems["options.pinLength"] = ["must be 4–8"];
        }

        if (options.PukLength is < 6 or > 8)
        {
            problems["options.pukLength"] = ["must be 6–8"];
        }

        if (options.TemporaryCardValidity <= TimeSpan.Zero || options.TemporaryCardValidity > TimeSpan.FromDays(366))
        {
            problems["options.temporaryCardValidity"] = ["must be more than zero and at most 366 days"];
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }

    private async Task<ConfigurationSnapshot> ChangeAsync(int? expectedVersion, IReadOnlyDictionary<string, CardTypeConfiguration> cardTypes, string description)
    {
        var current = Current;
        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new DomainException(
                ErrorCodes.ConfigurationVersionConflict,
                ErrorKind.Conflict,
                $"The configuration is at version {current.Version}, not {expected}: read it again.",
                new Dictionary<string, string> { ["expectedVersion"] = expected.ToString(System.Globalization.CultureInfo.InvariantCulture), ["currentVersion"] = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var now = _time.GetUtcNow();
        var next = new ConfigurationSnapshot(current.Version + 1, now, AuditContext.Operator, description, cardTypes);
        var audit = AuditContext.Record(now, UseCases.AdminConfigChange, "configuration", this.GetPrimaryKeyString(), null, null,
            $"v{current.Version}", $"v{next.Version}", new { description });
        // The version first: once the commit names it current, cards may read it from its grain when a later one replaces it.
        await Version(next.Version).StoreAsync(next);
        await _outbox.CommitAsync((_state.State with { Current = next }).WithAudit(audit));
        return next;
    }
}
