namespace CardActors.Station.Jobs;

/// <summary>The station's reader and its patience: how long to wait for a card, and for a pulled card to come back to be wiped.</summary>
public sealed record StationOptions(string Reader, TimeSpan CardTimeout, TimeSpan WipeTimeout);
