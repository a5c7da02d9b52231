namespace CardActors.Station.PcSc;

public enum ShareMode
{
    Exclusive = 1,
    Shared = 2,
    Direct = 3,
}
