
namespace CardActors.Grains;

/// <summary>
/// A user (cardholder), keyed by user id (e.g. the employee number). Unknown ids throw
/// <c>user.not-found</c> except in <see cref="CreateAsync"/>. States: active, inactive, locked;
/// locking is final and locks every card of the user.
/// </summary>
[Alias("CardActors.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("GetAsync")]
    Task<UserDetails> GetAsync();

    /// <summary><c>UsersProcCreate</c>; <c>conflict.user-exists</c> when the id is taken.</summary>
    [Alias("CreateAsync")]
    Task<UserDetails> CreateAsync(CreateUserCommand command);

    /// <summary><c>UsersProcActivate</c>: inactive → active.</summary>
    [Alias("ActivateAsync")]
    Task<UserDetails> ActivateAsync();

    /// <summary><c>UsersProcDeactivate</c>: active → inactive. Cards stay as they are, but most use cases need an active user.</summary>
    [Alias("DeactivateAsync")]
    Task<UserDetails> DeactivateAsync(string? reason = null);

    /// <summary>
    /// <c>UsersProcLock</c>: active or inactive → locked (final). Locks the user's active and inactive
    /// permanent cards and assigned or unassigned temporary cards (certificates revoked); the locks
    /// are carried out even after a crash (outbox).
    /// </summary>
    [Alias("LockAsync")]
    Task<UserDetails> LockAsync(string? reason = null);
}
