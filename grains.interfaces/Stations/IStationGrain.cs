using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains;

/// <summary>
/// A production station (key: station id), bound to one PC/SC reader on one production line.
/// <list type="bullet">
/// <item>An admin registers it (<see cref="RegisterAsync"/>); every other call on an unregistered id is <c>station.not-found</c>.</item>
/// <item>The station's process keeps it online with <see cref="HeartbeatAsync"/> (the heartbeat lease) and gets
/// its jobs pushed to the observer it passes there; it runs one job at a time.</item>
/// <item>A job has a lease (renewed by <see cref="ClaimJobAsync"/> and <see cref="ExtendJobLeaseAsync"/>) and a timeout
/// from its assignment. When the station goes offline, or the job's lease lapses or its timeout passes, the job goes
/// to another station of the line: the physical card at this station is recorded as voided.</item>
/// <item>Results are idempotent by job id (<see cref="CompleteJobAsync"/>).</item>
/// </list>
/// A station's process calls it as a cluster client: a station that signed the call (mutual TLS
/// clusters) may act only on its own grain, and never register one (<c>station.identity-mismatch</c>,
/// <c>caller.forbidden</c>).
/// </summary>
[StationCallable]
[Alias("CardActors.IStationGrain")]
public interface IStationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the station, or changes its registration (it leaves its old line). <c>validation.failed</c>
    /// for a missing line, reader, card type or profile; <c>cardtype.not-found</c> for a card type the
    /// configuration does not define. Audited.
    /// </summary>
    [Alias("RegisterAsync")]
    Task<StationDetails> RegisterAsync(RegisterStationCommand command);

    /// <summary>The station as it is now. Interleaves (it only reads), so a line or directory that lists its stations never waits behind a station that waits for the line.</summary>
    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<StationDetails> GetAsync();

    /// <summary>
    /// The station's process is alive: the heartbeat lease starts again, and <paramref name="observer"/>
    /// gets the jobs (the job it holds is pushed again to a new observer). The process calls this well
    /// within the lease (see the answer's <see cref="StationHeartbeat.Lease"/>).
    /// A heartbeat gives up after 5 s, not the client's response timeout (30 s by default): a call to
    /// a station grain whose silo was just killed is never answered (a client does not learn that the
    /// silo behind its gateway died), and a station waiting that long would miss the 15 s lease, go
    /// offline and have its job taken over (its card voided) although it is alive. The next beat
    /// reaches the grain on a live silo.
    /// </summary>
    [Alias("HeartbeatAsync")]
    [ResponseTimeout("00:00:05")]
    Task<StationHeartbeat> HeartbeatAsync(IStationJobObserver observer);

    /// <summary>
    /// The station's process stops (Ctrl+C, a service manager): the station is offline at once instead
    /// of when its heartbeat lease lapses, so the line pushes it nothing more, and a job it holds goes to
    /// another station as when it goes offline (never claimed: as it is; claimed: the physical card at
    /// this station is voided). Repeating it changes nothing; the next heartbeat brings it online again.
    /// </summary>
    [Alias("SignOffAsync")]
    Task SignOffAsync();

    /// <summary>
    /// Claims the job the station holds at its card and returns its secrets (once; see
    /// <see cref="ProductionWork"/>); the job's lease starts again. <c>job.not-assigned</c> for a job
    /// the station does not hold; the card's own refusals otherwise.
    /// </summary>
    [Alias("ClaimJobAsync")]
    Task<ProductionWork> ClaimJobAsync(string jobId);

    /// <summary>The station is still working on the job it holds: its lease starts again (the timeout stays). <c>job.not-assigned</c> otherwise.</summary>
    [Alias("ExtendJobLeaseAsync")]
    Task ExtendJobLeaseAsync(string jobId);

    /// <summary>
    /// Reports the held job's result to its card, and frees the station for the next job. Idempotent
    /// by job id: a result sent again (the answer was lost) is answered as the first was and counted
    /// once. The card's refusals (<c>job.other-station</c> for a job taken over meanwhile) come back unchanged.
    /// </summary>
    [Alias("CompleteJobAsync")]
    Task<CardDetails> CompleteJobAsync(string jobId, ProductionJobResult result);
}
