namespace CardActors.Storage.Serialization;

/// <summary>
/// Finds the grains whose stored state carries an older schema version than its type's current one.
/// <para>
/// Why: migrations (<see cref="IStateMigration"/>) run when a state is read, so the row of a grain
/// that nobody loads keeps its old form for ever. Where the old form holds something that must go
/// (a secret), the host wakes those grains, and each writes its state back in the current form.
/// The grain stays the only writer of its row; the finder only reads.
/// </para>
/// </summary>
public interface IOutdatedStateFinder
{
    /// <summary>
    /// The grains of <paramref name="grainType"/> whose state <paramref name="stateName"/> is stored
    /// (not cleared) with a version below <paramref name="currentVersion"/>, read a page at a time in
    /// the order of their keys.
    /// </summary>
    IAsyncEnumerable<GrainId> FindAsync(GrainType grainType, string stateName, int currentVersion, CancellationToken cancellationToken = default);
}
