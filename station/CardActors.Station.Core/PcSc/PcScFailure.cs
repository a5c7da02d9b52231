namespace CardActors.Station.PcSc;

/// <summary>What went wrong in PC/SC, as the station tells an operator.</summary>
public enum PcScFailure
{
    NoService,
    NoReaders,
    UnknownReader,
    NoCard,
    CardRemoved,
    CardReset,
    CardUnresponsive,
    SharingViolation,
    Timeout,
    Cancelled,
    Other,
}
