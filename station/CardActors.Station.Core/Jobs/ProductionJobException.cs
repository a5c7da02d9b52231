namespace CardActors.Station.Jobs;

/// <summary>The job service refused or could not be reached: what was asked, and why.</summary>
public sealed class ProductionJobException : Exception
{
    public ProductionJobException()
    {
    }

    public ProductionJobException(string message)
        : base(message)
    {
    }

    public ProductionJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
