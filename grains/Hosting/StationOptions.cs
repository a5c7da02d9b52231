namespace CardActors.Grains.Hosting;

/// <summary>Section <c>CardActors:Domain:Stations</c>: the leases that decide when a station's work goes to another station.</summary>
public sealed class StationOptions
{
    /// <summary>A station without a heartbeat for this long is offline, and its job goes to another station.</summary>
    public TimeSpan HeartbeatLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A job not claimed (or not extended) within this long of its assignment (or its last claim or
    /// extension) goes to another station. Long enough for one key generation between two extensions.
    /// </summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A job not finished this long after its assignment goes to another station, however often it was extended.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an active station grain compares its leases with the clock (an in-memory check, no storage).</summary>
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
