using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<BatchKind>))]
[GenerateSerializer, Alias("CardActors.BatchKind")]
public enum BatchKind
{
    /// <summary><c>CardsBoProcIssueMultiple</c>: approved permanent cards → issued (or active).</summary>
    IssueMultipleCards,

    /// <summary><c>TempCardsBoProcIssueMultiple</c>: requested temporary cards → unassigned.</summary>
    IssueMultipleTemporaryCards,

    /// <summary><c>CardsBoProcRequestMulitple</c>: one card request per active user.</summary>
    RequestMultipleCards,

    /// <summary><c>CardsAddonExtProdBoProcOrderMultiple</c>: one external order per active user.</summary>
    OrderMultipleCards,

    /// <summary><c>CardsProcIssue</c> for one approved card, as a batch of one: its job goes to a station of a line like a batch's.</summary>
    IssueCard,
}
