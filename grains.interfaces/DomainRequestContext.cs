
namespace CardActors.Grains;

/// <summary>
/// The <see cref="RequestContext"/> keys the grains read for the audit. The API sets them once per
/// HTTP request, before its first grain call; a station or the producer callback sets its own
/// identity. Calls without an operator are audited as <see cref="SystemOperator"/>.
/// </summary>
public static class DomainRequestContext
{
    public const string OperatorKey = "cardactors.operator";

    public const string CorrelationIdKey = "cardactors.correlation-id";

    /// <summary>The operator of automatic work: reminders, the dispatcher, side effects.</summary>
    public const string SystemOperator = "system";

    public static void SetOperator(string operatorId) => RequestContext.Set(OperatorKey, operatorId);

    public static void SetCorrelationId(string correlationId) => RequestContext.Set(CorrelationIdKey, correlationId);

    public static string? Operator => RequestContext.Get(OperatorKey) as string;

    public static string? CorrelationId => RequestContext.Get(CorrelationIdKey) as string;
}
