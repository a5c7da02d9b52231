namespace CardActors.Grains.Tests;

/// <summary>Sets who the grains audit as the operator of the calls that follow.</summary>
internal static class Operators
{
    public static void Act(string operatorId, string? correlationId = null)
    {
        DomainRequestContext.SetOperator(operatorId);
        DomainRequestContext.SetCorrelationId(correlationId ?? Guid.NewGuid().ToString("N"));
    }
}
